#include "ControlFixture.h"

using namespace dragoman;
using namespace dragoman::control;
using namespace dragoman::control::test;

TEST_CASE("Dispatcher: every engine command method queues the engine's command line",
          "[control][rpc]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    const std::vector<std::tuple<std::string, nlohmann::json, std::string>> cases{
        {"seat.mic", {{"seat", "ru-1"}, {"on", true}}, "seat ru-1 mic on"},
        {"seat.cough", {{"seat", "ru-1"}, {"on", false}}, "seat ru-1 cough off"},
        {"seat.listen", {{"seat", "zh-1"}, {"source", "ru"}}, "seat zh-1 listen ru"},
        {"seat.output", {{"seat", "zh-2"}, {"output", "B"}}, "seat zh-2 output B"},
        {"seat.volume", {{"seat", "ru-2"}, {"db", -6}}, "seat ru-2 volume -6"},
        {"seat.bass", {{"seat", "ru-2"}, {"db", 3.5}}, "seat ru-2 bass 3.5"},
        {"seat.treble", {{"seat", "ru-2"}, {"db", -2}}, "seat ru-2 treble -2"},
        {"seat.sidetone", {{"seat", "ru-2"}, {"db", -12}}, "seat ru-2 sidetone -12"},
        {"seat.sidetone", {{"seat", "ru-2"}, {"db", nullptr}}, "seat ru-2 sidetone off"},
        {"floor.language", {{"language", "zh"}}, "floor language zh"},
        {"channel.idle", {{"channel", "zh"}, {"idle", "silence"}}, "channel zh idle silence"},
        {"booth.interlock", {{"booth", "ru"}, {"mode", "override"}}, "booth ru interlock override"},
        {"interlock.between", {{"mode", "none"}}, "interlock between none"},
        {"monitor.set", {{"source", "channel:ru"}}, "monitor channel ru"},
        {"monitor.set", {{"source", "off"}}, "monitor off"},
        {"command", {{"line", "seat ru-2 mic on"}}, "seat ru-2 mic on"},
    };
    for (const auto& [method, params, line] : cases)
    {
        INFO(method << " " << params.dump());
        const auto reply = rig.call(tech, method, params);
        REQUIRE(reply.contains("result"));
        CHECK(reply["result"]["queued"] == true);
        CHECK(reply["result"]["command"] == line);
    }
    rig.runBlock();
    const auto& board = rig.engine.status();
    CHECK(board.seats[1].volumeDb.load() == Approx(-6.0f));
    CHECK(rig.mirror.interlockBetween() == InterlockMode::none);
    CHECK(rig.mirror.boothInterlock(0) == InterlockMode::override);
    CHECK(rig.mirror.floorLanguage() == "zh");
}

TEST_CASE("Dispatcher: a command takes effect in the state and the event log", "[control][rpc]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    REQUIRE(rig.call(tech, "seat.mic", {{"seat", "ru-1"}, {"on", true}}).contains("result"));
    rig.runBlock();
    const auto state = rig.call(tech, "state.get")["result"];
    CHECK(state["channels"][1]["id"] == "ru");
    CHECK(state["channels"][1]["holder"] == "ru-1");
    CHECK(state["seats"][0]["live"] == true);
    const auto page = rig.call(tech, "events.get", {{"after", 0}})["result"];
    REQUIRE(page["events"].size() >= 1);
    CHECK(page["events"][0]["seq"] == 1);
    CHECK(page["events"][0]["type"] == "mic-on");
    CHECK(page["next"].get<int>() == static_cast<int>(page["events"].size()));
    CHECK(rig.call(tech, "events.get", {{"after", page["next"]}})["result"]["events"].empty());
}

TEST_CASE("Dispatcher: role boundaries", "[control][rpc][roles]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    auto viewer = rig.client("view-token-1");
    auto seat = rig.client("seat-ru-1-token");
    auto nobody = rig.client("");

    SECTION("a seat controls its own seat only")
    {
        CHECK(errorCode(rig.call(seat, "seat.mic", {{"seat", "ru-1"}, {"on", true}})) == 0);
        CHECK(errorCode(rig.call(seat, "seat.volume", {{"seat", "ru-1"}, {"db", -3}})) == 0);
        const auto other = rig.call(seat, "seat.mic", {{"seat", "ru-2"}, {"on", true}});
        CHECK(errorCode(other) == rpc::kForbidden);
        CHECK_THAT(other["error"]["message"].get<std::string>(),
                   Catch::Contains("seat:ru-1") && Catch::Contains("ru-2"));
        CHECK(errorCode(rig.call(seat, "floor.language", {{"language", "zh"}})) == rpc::kForbidden);
        CHECK(errorCode(rig.call(seat, "command", {{"line", "seat ru-1 mic on"}})) ==
              rpc::kForbidden);
        CHECK(errorCode(rig.call(seat, "monitor.set", {{"source", "floor"}})) == rpc::kForbidden);
        CHECK(errorCode(rig.call(seat, "session.save", {{"name", "x"}})) == rpc::kForbidden);
        CHECK(errorCode(rig.call(seat, "alarms.ack", {{"id", 1}})) == rpc::kForbidden);
        CHECK(errorCode(rig.call(seat, "state.get")) == 0);
    }
    SECTION("a viewer reads only")
    {
        for (const char* method : {"state.get", "session.get", "session.presets", "events.get",
                                   "alarms.get", "monitor.get", "messages.get", "rpc.methods"})
        {
            INFO(method);
            CHECK(errorCode(rig.call(viewer, method)) == 0);
        }
        CHECK(errorCode(rig.call(viewer, "meters.subscribe", {{"hz", 20}})) == 0);
        CHECK(errorCode(rig.call(viewer, "seat.mic", {{"seat", "ru-1"}, {"on", true}})) ==
              rpc::kForbidden);
        CHECK(errorCode(rig.call(viewer, "messages.send",
                                 {{"to", "technician"}, {"kind", "text"}, {"text", "hi"}})) ==
              rpc::kForbidden);
        const auto methods = rig.call(viewer, "rpc.methods")["result"]["methods"];
        CHECK(std::find(methods.begin(), methods.end(), "state.get") != methods.end());
        CHECK(std::find(methods.begin(), methods.end(), "seat.mic") == methods.end());
    }
    SECTION("the technician may call everything")
    {
        const auto methods = rig.call(tech, "rpc.methods")["result"]["methods"];
        CHECK(methods.size() == RpcDispatcher::methods().size());
    }
    SECTION("no token, a wrong token")
    {
        CHECK(errorCode(rig.call(nobody, "state.get")) == rpc::kUnauthenticated);
        CHECK(errorCode(rig.call(nobody, "auth", {{"token", "wrong-token"}})) ==
              rpc::kUnauthenticated);
        CHECK(errorCode(rig.call(nobody, "auth")) == rpc::kUnauthenticated);
        CHECK(errorCode(rig.call(nobody, "state.get")) == rpc::kUnauthenticated);
        // A wrong token after a right one takes the role away.
        CHECK(errorCode(rig.call(tech, "auth", {{"token", "tech-token-2"}})) ==
              rpc::kUnauthenticated);
        CHECK(errorCode(rig.call(tech, "state.get")) == rpc::kUnauthenticated);
    }
    SECTION("auth says who the caller is")
    {
        RpcClient fresh;
        const auto reply = rig.call(fresh, "auth", {{"token", "seat-ru-1-token"}})["result"];
        CHECK(reply["role"] == "seat:ru-1");
        CHECK(reply["seat"] == "ru-1");
        CHECK(reply["engine"]["session"] == "Control test");
    }
}

TEST_CASE("Dispatcher: malformed requests, unknown methods and bad params", "[control][rpc]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    CHECK(errorCode(rig.dispatcher.handle(nlohmann::json::array({1}), tech)) ==
          rpc::kInvalidRequest);
    CHECK(errorCode(rig.dispatcher.handle({{"id", 1}, {"method", "state.get"}}, tech)) ==
          rpc::kInvalidRequest);
    CHECK(errorCode(rig.dispatcher.handle(
              {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "state.get"}, {"params", {1, 2}}},
              tech)) == rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "seat.fly")) == rpc::kMethodNotFound);

    const auto volume = rig.call(tech, "seat.volume", {{"seat", "ru-1"}, {"db", 40}});
    CHECK(errorCode(volume) == rpc::kInvalidParams);
    CHECK_THAT(volume["error"]["message"].get<std::string>(),
               Catch::Contains("expected volume in dB from -60 to 12"));
    CHECK(errorCode(rig.call(tech, "seat.mic", {{"seat", "xx-9"}, {"on", true}})) ==
          rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "seat.mic", {{"seat", "ru-1"}, {"on", "yes"}})) ==
          rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "seat.mic", {{"seat", "ru-1 mic on"}, {"on", true}})) ==
          rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "command", {{"line", "launch rockets"}})) ==
          rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "monitor.set", {{"source", "channel:xx"}})) ==
          rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "meters.subscribe", {{"hz", 100}})) == rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "events.get", {{"limit", 0}})) == rpc::kInvalidParams);
    CHECK(errorCode(rig.call(tech, "alarms.ack", {{"id", 99}})) == rpc::kNotFound);
    CHECK(errorCode(rig.call(tech, "session.load", {{"name", "nothing"}})) == rpc::kNotFound);
    CHECK(errorCode(rig.call(tech, "session.save", {{"name", "../escape"}})) ==
          rpc::kInvalidParams);

    // A notification (no id) is executed but answered with nothing.
    const auto none = rig.dispatcher.handle(
        {{"jsonrpc", "2.0"}, {"method", "seat.mic"}, {"params", {{"seat", "ru-2"}, {"on", true}}}},
        tech);
    CHECK(none.is_null());
}

TEST_CASE("Dispatcher: messages between seats and the technician", "[control][rpc][messages]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    auto ru1 = rig.client("seat-ru-1-token");
    auto zh1 = rig.client("seat-zh-1-token");

    const auto slow = rig.call(ru1, "messages.send", {{"to", "technician"}, {"kind", "slow-down"}});
    REQUIRE(slow.contains("result"));
    REQUIRE(rig.host.sent.size() == 1);
    CHECK(rig.host.sent[0].from == "anonymous");

    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "seat:zh-1"}, {"kind", "text"}, {"text", "hi"}})) ==
          rpc::kForbidden);
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "booth:ru"}, {"kind", "text"}, {"text", "switch at 5"}})) ==
          0);
    CHECK(errorCode(rig.call(tech, "messages.send",
                             {{"to", "seat:zh-1"}, {"kind", "text"}, {"text", "check mic"}})) == 0);
    CHECK(errorCode(rig.call(tech, "messages.send",
                             {{"to", "seat:nobody"}, {"kind", "text"}, {"text", "x"}})) ==
          rpc::kNotFound);
    CHECK(errorCode(rig.call(tech, "messages.send", {{"to", "technician"}, {"kind", "shout"}})) ==
          rpc::kInvalidParams);

    CHECK(rig.call(tech, "messages.get")["result"]["messages"].size() == 3);
    const auto zhSees = rig.call(zh1, "messages.get")["result"]["messages"];
    REQUIRE(zhSees.size() == 1);
    CHECK(zhSees[0]["text"] == "check mic");
    CHECK(zhSees[0]["from"] == "technician");
    // ru-1 sees its booth's message and its own slow-down (shown to the technician anonymously).
    CHECK(rig.call(ru1, "messages.get")["result"]["messages"].size() == 2);

    // The technician speaks to the whole meeting in one message; a booth may not.
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "everyone"}, {"kind", "text"}, {"text", "hello all"}})) ==
          rpc::kForbidden);
    CHECK(errorCode(rig.call(tech, "messages.send",
                             {{"to", "everyone"}, {"kind", "text"}, {"text", "break at 11"}})) ==
          0);
    CHECK(rig.call(zh1, "messages.get")["result"]["messages"].back()["to"] == "everyone");
    CHECK(rig.call(ru1, "messages.get")["result"]["messages"].size() == 3);
}

TEST_CASE("Dispatcher: alarms, meters, session and presets", "[control][rpc]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");

    AlarmInputs inputs;
    inputs.now = 1.0;
    inputs.relayCycle = true;
    inputs.cyclePath = "ru -> zh -> ru";
    REQUIRE(rig.alarms.update(inputs).size() == 1);
    const auto list = rig.call(tech, "alarms.get")["result"]["alarms"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["kind"] == "relay-cycle");
    CHECK(errorCode(rig.call(tech, "alarms.ack", {{"id", list[0]["id"]}})) == 0);
    CHECK(rig.host.alarms.size() == 1);
    CHECK(rig.call(tech, "alarms.get")["result"]["alarms"][0]["acked"] == true);

    CHECK(rig.call(tech, "meters.subscribe", {{"hz", 25}})["result"].empty());
    CHECK(tech.meterHz == 25.0);

    const auto session = rig.call(tech, "session.get")["result"];
    CHECK(session["name"] == "Control test");
    CHECK(session["booths"][1]["outputs"]["B"] == "ru");

    CHECK(rig.call(tech, "monitor.get")["result"]["source"] == "off");

    REQUIRE(errorCode(rig.call(tech, "seat.volume", {{"seat", "zh-2"}, {"db", -9}})) == 0);
    rig.runBlock();
    const auto saved = rig.call(tech, "session.save", {{"name", "plenary"}});
    REQUIRE(saved.contains("result"));
    CHECK(saved["result"]["saved_at"] == "2026-11-28T13:20:01Z");
    const auto presets = rig.call(tech, "session.presets")["result"]["presets"];
    REQUIRE(presets.size() == 1);
    CHECK(presets[0]["name"] == "plenary");

    REQUIRE(errorCode(rig.call(tech, "seat.volume", {{"seat", "zh-2"}, {"db", 0}})) == 0);
    rig.runBlock();
    CHECK(rig.engine.status().seats[3].volumeDb.load() == Approx(0.0f));
    const auto loaded = rig.call(tech, "session.load", {{"name", "plenary"}});
    REQUIRE(loaded.contains("result"));
    rig.runBlock();
    CHECK(rig.engine.status().seats[3].volumeDb.load() == Approx(-9.0f));
}
