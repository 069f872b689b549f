#pragma once
// One connection at a time to the engine, carrying whole JSON-RPC messages: newline-delimited
// over TCP (tcp://, tls://) or one text frame each over WebSocket (ws://, wss://). The
// ControlClient speaks JSON-RPC over it and decides when to (re)connect; a link only connects,
// frames, and reports.
//
// Threads: every method, and every handler, on the client's network thread (the io_context's
// one thread). Handlers only ever fire from inside that io_context's run().

#include "ControlClientOptions.h"
#include "ControlUrl.h"

#include <asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string>

namespace dragoman
{

class MessageLink
{
public:
    struct Handlers
    {
        std::function<void()> onOpen;
        std::function<void(std::string&& message)> onMessage;
        // Exactly once per open(): the attempt failed or the open connection ended.
        std::function<void(const std::string& why)> onClose;
    };

    virtual ~MessageLink() = default;

    // Starts one connection attempt; the previous connection must have reported onClose.
    virtual void open() = 0;
    // Queues one message; dropped when not open (the client only sends while connected).
    virtual void send(std::string message) = 0;
    // Closes the current connection or attempt; onClose follows with `why`.
    virtual void close(const std::string& why) = 0;
};

// A TCP link for tcp:// and tls://, a WebSocket link for ws:// and wss://.
std::unique_ptr<MessageLink> makeMessageLink(asio::io_context& io, const ControlUrl& url,
                                             const ControlClientOptions& options,
                                             MessageLink::Handlers handlers);

std::unique_ptr<MessageLink> makeLineLink(asio::io_context& io, const ControlUrl& url,
                                          const ControlClientOptions& options,
                                          MessageLink::Handlers handlers);
std::unique_ptr<MessageLink> makeWebSocketLink(asio::io_context& io, const ControlUrl& url,
                                               const ControlClientOptions& options,
                                               MessageLink::Handlers handlers);

} // namespace dragoman
