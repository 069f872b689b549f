#pragma once
// The control API inside `dragoman engine` (docs/CONTROL_API.md): one network thread running
// an Asio io_context with the WebSocket/HTTP server, the TCP line server and the hub behind them.
// The engine keeps running and keeps its state whatever the consoles do: they only post
// commands and read the StatusBoard.
//
// Threads:
// - start(), stop(), the destructor: the control thread (main), before the engine's events are
//   consumed and after the driver has stopped.
// - publish(), noteDriver(): the control thread that consumes Engine::nextEvent() (ControlLoop);
//   they post to the network thread and return at once.
// - everything else runs on the network thread it owns.

#include "control/StateJson.h"
#include "control/TokenTable.h"
#include "core/Event.h"
#include "core/Result.h"
#include "core/Session.h"
#include "engine/Engine.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace dragoman
{
class StreamSender;
}

namespace dragoman::control
{

struct ControlOptions
{
    std::optional<ControlEndpoint> listen; // HTTP + WebSocket
    std::optional<ControlEndpoint> tcp;    // lines
    std::filesystem::path presetsDir;
    std::filesystem::path tlsCertificate; // both empty: no TLS
    std::filesystem::path tlsKey;
    EngineIdentity identity;
};

class ControlPlane
{
public:
    // The session's `control:` section (or --control/--tokens) resolved against the session
    // file's folder: tokens loaded, paths made absolute. nullopt when nothing asks for the API.
    static Result<std::optional<std::pair<ControlOptions, TokenTable>>>
    configure(const Session& session, const std::filesystem::path& sessionDir,
              const std::string& controlFlag, const std::string& tokensFlag, const Floorplan& plan);

    // Binds both ports and starts the network thread. `streams` may be nullptr.
    static Result<std::unique_ptr<ControlPlane>>
    start(Engine& engine, TokenTable tokens, ControlOptions options, const StreamSender* streams);
    ~ControlPlane();

    void publish(const Event& event);
    void noteDriver(const DriverSnapshot& snapshot);
    // Closes every connection and joins the network thread (at most ~2 s); idempotent.
    void stop();

    // "ws://127.0.0.1:7700/rpc, tcp://127.0.0.1:7701", with the ports actually bound.
    const std::string& where() const noexcept { return description; }

private:
    struct Parts;
    explicit ControlPlane(std::unique_ptr<Parts> parts);

    std::unique_ptr<Parts> parts;
    std::string description;
};

} // namespace dragoman::control
