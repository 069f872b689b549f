// ConsoleModel: the control API's JSON into the console's structs, and notifications applied.
#include "ConsoleFixture.h"

#include "views/RelayPlan.h"

#include <catch2/catch.hpp>

using namespace dragoman::console;
using namespace dragoman::console::test;

TEST_CASE("The Astana state is read into channels, booths and seats", "[console][model]")
{
    ConsoleModel model;
    const auto changed = model.applyState(loadJson("astana_state.json"));
    CHECK((changed & changeState) != 0);
    const auto& state = model.state();
    CHECK(state.sessionName == "SCO Heads of State Council, Astana");
    CHECK(state.channels.size() == 12); // the floor and 11 channels
    CHECK(state.booths.size() == 11);
    CHECK(state.seats.size() == 30);
    CHECK(state.floorLanguage == "ru");
    CHECK(state.monitor == "channel:en");

    const auto* en = state.channel("en");
    REQUIRE(en != nullptr);
    CHECK(en->holder == "en-2");
    CHECK(en->depth == 1);
    CHECK(en->stream.listeners == 52);
    CHECK(state.channel("ky")->holder.empty()); // null in the JSON: nobody holds it
    CHECK(state.channel("tg")->depthLabel == "double relay");
    CHECK(state.channel("ru")->passThrough);

    const auto* zh = state.booth("zh");
    REQUIRE(zh != nullptr);
    CHECK(zh->interlock == "override");
    CHECK(zh->outputFor("ru") == "B");
    CHECK(zh->outputFor("en").empty());
    CHECK(state.seat("kk-3")->output == "B");
    CHECK(state.seat("en-2")->live);
    CHECK(state.relay.edges.size() == 8);

    // The state's alarms: one waits for acknowledgement, one was acknowledged.
    CHECK(model.alarms().size() == 2);
    CHECK(model.unacknowledgedAlarms() == 1);
}

TEST_CASE("A polled state moves the engine's health on, nothing else", "[console][model]")
{
    ConsoleModel model;
    auto state = loadJson("astana_state.json");
    CHECK(model.applyHealth(state) == changeNone); // before the first state: nothing to update
    model.applyState(state);
    state["engine"]["uptime_s"] = 3800.0;
    state["engine"]["xruns"] = 3;
    state["clients"] = 4;
    state["floor"]["language"] = "zh"; // not the health: left to the `state` notification
    CHECK(model.applyHealth(state) == changeHealth);
    CHECK(model.state().engine.uptimeSeconds == 3800.0);
    CHECK(model.state().engine.xruns == 3);
    CHECK(model.state().clients == 4);
    CHECK(model.state().floorLanguage == "ru");
}

TEST_CASE("Meters arrive per channel; silence is null", "[console][model]")
{
    ConsoleModel model;
    model.applyState(loadJson("astana_state.json"));
    CHECK(model.applyNotification("meters", loadJson("astana_meters.json")) == changeMeters);
    CHECK(model.meterOf("en").rmsDb == Approx(-19.0f));
    CHECK(model.meterOf("en").lufs == Approx(-22.0f));
    CHECK(std::isinf(model.meterOf("be").rmsDb));
    CHECK(std::isinf(model.meterOf("nowhere").peakDb));
    CHECK(model.metersReceived() == 1);
}

TEST_CASE("Alarms are raised, acknowledged and cleared by id", "[console][model]")
{
    ConsoleModel model;
    model.applyState(loadJson("astana_state.json"));
    nlohmann::json alarm = {{"id", 9},
                            {"kind", "silent-channel"},
                            {"subject", "en"},
                            {"text", "English is live but silent for 10 s"},
                            {"raised_at", "2026-11-28T13:30:00Z"},
                            {"cleared_at", nullptr},
                            {"acked", false}};
    CHECK(model.applyNotification("alarm", alarm) == changeAlarms);
    CHECK(model.unacknowledgedAlarms() == 2);
    alarm["acked"] = true;
    model.applyNotification("alarm", alarm);
    CHECK(model.unacknowledgedAlarms() == 1);
    alarm["cleared_at"] = "2026-11-28T13:31:00Z";
    model.applyNotification("alarm", alarm);
    CHECK(model.alarms().size() == 3); // kept, as cleared, for the record
    CHECK_FALSE(model.alarms().back().active());
}

TEST_CASE("Events and messages become log lines; requests are urgent", "[console][model]")
{
    ConsoleModel model;
    model.applyNotification(
        "event",
        {{"seq", 1}, {"t", 61.5}, {"type", "mic-on"}, {"seat", "en-1"}, {"channel", "en"}});
    model.applyNotification("event", {{"seq", 1},
                                      {"t", 61.5},
                                      {"type", "mic-on"},
                                      {"seat", "en-1"},
                                      {"channel", "en"}}); // a repeat
    model.applyNotification("event", {{"seq", 2},
                                      {"t", 62.0},
                                      {"type", "mic-refused"},
                                      {"seat", "en-2"},
                                      {"channel", "en"},
                                      {"reason", "interlock-in-booth"},
                                      {"by", "en-1"}});
    model.applyNotification("message", {{"id", 1},
                                        {"from", "anonymous"},
                                        {"to", "technician"},
                                        {"kind", "slow-down"},
                                        {"text", ""},
                                        {"at", "2026-11-28T13:20:01Z"}});
    model.applyNotification("message", {{"id", 2},
                                        {"from", "seat:kk-2"},
                                        {"to", "technician"},
                                        {"kind", "call-technician"},
                                        {"text", "no floor sound"},
                                        {"at", "2026-11-28T13:21:00Z"}});
    model.applyNotification(
        "event",
        {{"seq", 3}, {"t", 62.5}, {"type", "exposure-cleared"}, {"seat", "en-1"}, {"booth", "en"}});
    const auto& log = model.log();
    REQUIRE(log.size() == 4); // not the cleared exposure
    CHECK(log[0].text == "en-1 is live on en");
    CHECK(log[0].time == "+00:01:01");
    CHECK(log[1].kind == LogEntry::Kind::refusal);
    CHECK(log[1].text == "en-2 refused on en: interlock in booth (en-1 is live)");
    CHECK(log[2].urgent());
    CHECK(log[2].text == "SLOW DOWN requested");
    CHECK(log[2].time == "13:20:01");
    CHECK(log[3].kind == LogEntry::Kind::callTechnician);
    CHECK(log[3].text == "TECHNICIAN called by kk-2 - no floor sound");
    CHECK(model.nextEventSeq() == 4); // the cleared exposure counts as seen
}

TEST_CASE("A preset's burst of settings is one log line per kind", "[console][model]")
{
    ConsoleModel model;
    long long seq = 0;
    for (const char* booth : {"ru", "zh", "en"})
        model.applyEvent({{"seq", ++seq},
                          {"t", 24.0},
                          {"type", "interlock-changed"},
                          {"booth", booth},
                          {"mode", "interlock"}});
    model.applyEvent({{"seq", ++seq},
                      {"t", 24.0},
                      {"type", "interlock-changed"},
                      {"booth", "uz"},
                      {"mode", "override"}});
    // The engine interleaves kinds within the burst: ky still joins the first line.
    model.applyEvent({{"seq", ++seq},
                      {"t", 24.0},
                      {"type", "interlock-changed"},
                      {"booth", "ky"},
                      {"mode", "interlock"}});
    for (const char* channel : {"ru", "zh"})
        model.applyEvent({{"seq", ++seq},
                          {"t", 24.0},
                          {"type", "idle-changed"},
                          {"channel", channel},
                          {"idle", "floor"}});
    // The same setting later is a new line.
    model.applyEvent({{"seq", ++seq},
                      {"t", 31.5},
                      {"type", "idle-changed"},
                      {"channel", "en"},
                      {"idle", "floor"}});
    const auto& log = model.log();
    REQUIRE(log.size() == 4);
    CHECK(log[0].text == "booth ru, zh, en, ky interlock interlock");
    CHECK(log[1].text == "booth uz interlock override");
    CHECK(log[2].text == "ru, zh idle feed floor");
    CHECK(log[3].text == "en idle feed floor");

    model.applyEvent(
        {{"seq", ++seq}, {"t", 40.0}, {"type", "monitor-changed"}, {"source", "seat:kk-2"}});
    model.applyEvent({{"seq", ++seq},
                      {"t", 41.0},
                      {"type", "channel-live"},
                      {"seat", "kk-2"},
                      {"channel", "kk"}});
    REQUIRE(log.size() == 5); // channel-live repeats mic-on: not logged
    CHECK(log[4].text == "monitor: kk-2's headphones");

    for (const char* seat : {"ru-1", "ru-2", "ru-3", "zh-1", "zh-2", "zh-3", "en-1"})
        model.applyEvent({{"seq", ++seq},
                          {"t", 42.0},
                          {"type", "exposure-warning"},
                          {"seat", seat},
                          {"leq_db_spl", 80.0}});
    REQUIRE(log.size() == 6);
    CHECK(log[5].text == "ru-1, ru-2, ru-3 and 4 more exposure warning, 80.0 dB SPL");
    CHECK(log[5].kind == LogEntry::Kind::refusal);
}

TEST_CASE("Presets and the connection state are kept", "[console][model]")
{
    ConsoleModel model;
    CHECK_FALSE(model.connected());
    model.applyPresets(
        {{"presets", {{{"name", "plenary"}, {"saved_at", "x"}}, {{"name", "press"}}}}});
    CHECK(model.presets() == std::vector<std::string>{"plenary", "press"});
    model.setConnection(false, "connection refused");
    CHECK(model.connectionText() == "connection refused");
}

TEST_CASE("The relay plan puts channels in depth columns and names the faults", "[console][relay]")
{
    ConsoleModel model;
    model.applyState(loadJson("astana_state.json"));
    auto plan = planRelay(model.state());
    CHECK(plan.node("floor")->column == 0);
    CHECK(plan.node("en")->column == 1);
    CHECK(plan.node("fa")->column == 2);
    CHECK(plan.node("tg")->column == 3);
    CHECK(plan.node("tg")->fault);
    CHECK_FALSE(plan.node("fa")->fault);
    REQUIRE(plan.problems.size() == 1);
    CHECK(plan.problems[0].find("tg is a double relay (floor > en > fa > tg)") == 0);

    // en and kk listen to each other and nobody in between to the floor.
    auto state = loadJson("astana_state.json");
    for (auto& channel : state["channels"])
        if (channel["id"] == "en" || channel["id"] == "kk")
        {
            channel["depth"] = -2;
            channel["depth_label"] = "cycle";
            channel["source"] = channel["id"] == "en" ? "kk" : "en";
        }
    state["relay"]["cycle"] = true;
    state["relay"]["cycle_path"] = {"en", "kk"};
    model.applyState(state);
    plan = planRelay(model.state());
    CHECK(plan.node("en")->fault);
    CHECK(plan.node("kk")->fault);
    CHECK(plan.node("en")->column == 4);
    REQUIRE(plan.problems.size() == 2);
    CHECK(plan.problems[0].find("Relay cycle: en > kk > en.") == 0);
}
