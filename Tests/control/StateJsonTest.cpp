#include "ControlFixture.h"
#include "core/RelayDepthName.h"

#include "control/MetricsText.h"

using namespace dragoman;
using namespace dragoman::control;
using namespace dragoman::control::test;

TEST_CASE("StateJson: the documented shape", "[control][state]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    REQUIRE(errorCode(rig.call(tech, "seat.mic", {{"seat", "zh-1"}, {"on", true}})) == 0);
    REQUIRE(errorCode(rig.call(tech, "booth.interlock", {{"booth", "zh"}, {"mode", "none"}})) == 0);
    rig.runBlock();

    StateExtras extras;
    extras.revision = 42;
    extras.clients = 2;
    extras.driver.running = true;
    ChannelStreamStats zhStream;
    zhStream.channel = "zh";
    zhStream.packets = 1200;
    zhStream.listeners = 2;
    zhStream.jitterMs = 0.75;
    extras.streams.push_back(zhStream);
    const auto state = rig.stateJson.state(extras);
    for (const char* key : {"revision", "session", "engine", "floor", "interlock_between",
                            "channels", "booths", "seats", "relay", "monitor", "alarms", "clients"})
    {
        INFO(key);
        CHECK(state.contains(key));
    }
    CHECK(state["revision"] == 42);
    CHECK(state["session"]["sample_rate"] == 48000);
    CHECK(state["engine"]["running"] == true);
    CHECK(state["floor"]["language"] == "en");
    REQUIRE(state["channels"].size() == 3);
    CHECK(state["channels"][0]["id"] == "floor");
    const auto& zh = state["channels"][2];
    CHECK(zh["holder"] == "zh-1");
    CHECK(zh["carries"] == "seat");
    CHECK(zh["stream"]["packets"] == 1200);
    CHECK(zh["stream"]["listeners"] == 2);
    CHECK(zh["stream"]["jitter_ms"] == 0.75);
    CHECK(zh["stream"]["rtt_ms"].is_null()); // no listener has answered a sender report yet
    // The zh booth does not understand the English floor: it relays through ru.
    CHECK(zh["source"] == "ru");
    CHECK(zh["depth_label"] == relayDepthName(zh["depth"].get<int>()));
    CHECK(state["channels"][1]["holder"].is_null());
    CHECK(state["channels"][1]["carries"] == "floor");
    CHECK(state["booths"][1]["interlock"] == "none");
    CHECK(state["booths"][1]["outputs"]["B"] == "ru");
    const auto& seat = state["seats"][2];
    CHECK(seat["id"] == "zh-1");
    CHECK(seat["live"] == true);
    CHECK(seat["output"] == "A");
    CHECK(seat["listen"] == "auto");
    CHECK(seat["remote"].is_null()); // wired to the engine's device
    CHECK(seat["spl_at_0dbfs"].is_number());
    CHECK(state["relay"]["edges"][0] == nlohmann::json{{"from", "ru"}, {"to", "zh"}});
    CHECK(state["monitor"]["source"] == "off");

    const auto meters = rig.stateJson.meters(1.5);
    CHECK(meters["t"] == 1.5);
    CHECK(meters["channels"].contains("floor"));
    CHECK(meters["channels"]["ru"].contains("lufs"));
    CHECK(meters["seats"]["zh-2"].contains("limiter_db"));
}

TEST_CASE("MetricsText: Prometheus families with labels", "[control][metrics]")
{
    DispatcherRig rig;
    DriverSnapshot driver;
    driver.callbacks = 750;
    driver.xruns = 2;
    driver.running = true;
    ControlCounters counters;
    counters.clients = 3;
    counters.errors[-32001] = 4;
    const auto text = metricsText(rig.engine, driver, {{"ru", 10, 1000, 0, 0, 0, 1}}, counters);
    CHECK_THAT(text,
               Catch::Contains("# TYPE dragoman_xruns_total counter\ndragoman_xruns_total 2\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_callbacks_total 750\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_channel_peak_dbfs{channel=\"floor\"} -120\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_stream_packets_total{channel=\"ru\"} 10\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_control_errors_total{code=\"-32001\"} 4\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_live_seats 0\n"));
    CHECK_THAT(text, Catch::Contains("dragoman_control_clients 3\n"));
}
