#pragma once
// A small session, its engine and the control API's parts around it, for the control tests. The
// engine is a plain object: process() with no audio applies posted commands, so a test sees
// what a command did without a device or a thread.

#include "control/RpcDispatcher.h"
#include "control/StateJson.h"
#include "core/SessionFile.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

namespace dragoman::control::test
{

inline const char* kSessionYaml = R"(
name: Control test
sample_rate: 48000
block_frames: 64
floor: { language: en }
channels:
  - { id: ru, language: ru, name: Russian }
  - { id: zh, language: zh, name: Chinese }
booths:
  - id: ru
    outputs: { A: ru }
    understands: [en, zh]
    seats: [ru-1, ru-2]
  - id: zh
    outputs: { A: zh, B: ru }
    understands: [zh, ru]
    seats: [zh-1, zh-2]
pivots: { en: ru }
)";

inline Session testSession()
{
    auto session = parseSession(kSessionYaml, "test.yaml");
    REQUIRE(session.ok());
    return session.value();
}

inline std::filesystem::path freshDirectory(const std::string& name)
{
    std::random_device random;
    auto dir = std::filesystem::temp_directory_path() /
               ("dragoman-control-" + name + "-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    return dir;
}

// Records what the dispatcher asks of the control plane.
class RecordingHost final : public RpcHost
{
public:
    explicit RecordingHost(std::function<nlohmann::json()> stateOf) : state(std::move(stateOf)) {}
    nlohmann::json currentState() override { return state(); }
    std::string now() override { return "2026-11-28T13:20:01Z"; }
    void messageSent(const Message& message) override { sent.push_back(message); }
    void alarmChanged(const Alarm& alarm) override { alarms.push_back(alarm); }

    std::function<nlohmann::json()> state;
    std::vector<Message> sent;
    std::vector<Alarm> alarms;
};

struct DispatcherRig
{
    DispatcherRig()
        : engine(testSession()), mirror(engine.floorplan()), messages(engine.floorplan()),
          presets(freshDirectory("presets")), stateJson(engine, mirror, {"0.1.0", "JACK", "dummy"}),
          host([this] { return stateJson.state({}); }),
          dispatcher(RpcParts{engine, tokens, mirror, events, messages, alarms, presets, "0.1.0"},
                     host)
    {
        auto table = TokenTable::load({{"tech-token-1", "technician", "Chief"},
                                       {"view-token-1", "viewer", "Foyer"},
                                       {"seat-ru-1-token", "seat:ru-1", ""},
                                       {"seat-zh-1-token", "seat:zh-1", ""}},
                                      {}, engine.floorplan());
        REQUIRE(table.ok());
        tokens = std::move(table.value());
    }

    ~DispatcherRig()
    {
        std::error_code ignored;
        std::filesystem::remove_all(presets.directory(), ignored);
    }

    // A client authenticated with `token` (empty: not authenticated).
    RpcClient client(const std::string& token)
    {
        RpcClient caller;
        caller.address = "127.0.0.1:1";
        if (!token.empty())
        {
            const auto reply = call(caller, "auth", {{"token", token}});
            REQUIRE(reply.contains("result"));
        }
        return caller;
    }

    nlohmann::json call(RpcClient& caller, const std::string& method,
                        nlohmann::json params = nlohmann::json::object())
    {
        return dispatcher.handle(
            {{"jsonrpc", "2.0"}, {"id", ++lastId}, {"method", method}, {"params", params}}, caller);
    }

    // Applies what was posted, as the audio thread would at the next block, and feeds the
    // events to the mirror as the control plane does.
    void runBlock()
    {
        BlockIo io;
        io.frames = 64;
        engine.process(io);
        Event event;
        while (engine.nextEvent(event))
        {
            mirror.note(event);
            events.append(
                nlohmann::json::parse(eventToJson(event, engine.floorplan(), engine.sampleRate())));
        }
    }

    Engine engine;
    TokenTable tokens;
    ControlMirror mirror;
    EventLog events;
    MessageBoard messages;
    AlarmWatch alarms;
    PresetStore presets;
    StateJson stateJson;
    RecordingHost host;
    RpcDispatcher dispatcher;
    int lastId = 0;
};

inline int errorCode(const nlohmann::json& reply)
{
    if (!reply.contains("error"))
        return 0;
    return reply["error"]["code"].get<int>();
}

} // namespace dragoman::control::test
