#include "control/AlarmWatch.h"

#include <catch2/catch.hpp>

using namespace dragoman::control;

namespace
{

AlarmInputs snapshot(double now)
{
    AlarmInputs inputs;
    inputs.now = now;
    inputs.wallClock = "t" + std::to_string(static_cast<int>(now));
    AlarmInputs::Channel en;
    en.id = "en";
    en.name = "English";
    en.live = true;
    en.peakDb = -20.0f;
    inputs.channels.push_back(en);
    inputs.seats.push_back({"en-1", 0.0f, false, 70.0f});
    return inputs;
}

} // namespace

TEST_CASE("AlarmWatch: a live channel silent for 10 s raises, sound clears", "[control][alarms]")
{
    AlarmWatch watch;
    auto inputs = snapshot(0.0);
    inputs.channels[0].peakDb = -90.0f;
    CHECK(watch.update(inputs).empty());
    inputs.now = 9.9;
    CHECK(watch.update(inputs).empty());
    inputs.now = 10.0;
    inputs.wallClock = "t10";
    const auto raised = watch.update(inputs);
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].kind == "silent-channel");
    CHECK(raised[0].subject == "en");
    CHECK(raised[0].text == "English is live but silent for 10 s");
    CHECK(raised[0].raisedAt == "t10");
    CHECK_FALSE(raised[0].clearedAt);
    inputs.now = 11.0;
    CHECK(watch.update(inputs).empty()); // raised once, not every snapshot
    inputs.now = 12.0;
    inputs.wallClock = "t12";
    inputs.channels[0].peakDb = -20.0f;
    const auto cleared = watch.update(inputs);
    REQUIRE(cleared.size() == 1);
    CHECK(cleared[0].clearedAt == std::optional<std::string>("t12"));
    CHECK(watch.active().empty());
}

TEST_CASE("AlarmWatch: a channel nobody holds is allowed to be silent", "[control][alarms]")
{
    AlarmWatch watch;
    auto inputs = snapshot(0.0);
    inputs.channels[0].live = false;
    inputs.channels[0].peakDb = -120.0f;
    for (double t = 0.0; t < 30.0; t += 0.25)
    {
        inputs.now = t;
        CHECK(watch.update(inputs).empty());
    }
}

TEST_CASE("AlarmWatch: clipping, limiter, exposure, relay cycle, loss and device",
          "[control][alarms]")
{
    AlarmWatch watch;
    auto inputs = snapshot(0.0);
    inputs.xruns = 3;
    CHECK(watch.update(inputs).empty()); // xruns before the first snapshot are history

    inputs.now = 1.0;
    inputs.channels[0].clipCount = 2;
    inputs.seats[0].limiterDb = 8.0f;
    inputs.seats[0].exposureWarning = true;
    inputs.seats[0].leqDbSpl = 81.5f;
    inputs.relayCycle = true;
    inputs.cyclePath = "en -> kk -> en";
    inputs.channels[0].lossPercent = 7.5;
    inputs.xruns = 5;
    const auto raised = watch.update(inputs);
    std::vector<std::string> kinds;
    for (const auto& alarm : raised)
        kinds.push_back(alarm.kind + ":" + alarm.subject);
    CHECK_THAT(kinds, Catch::UnorderedEquals(std::vector<std::string>{
                          "clipping:en", "receiver-loss:en", "limiter:seat:en-1",
                          "exposure:seat:en-1", "relay-cycle:relay", "device:xruns"}));
    CHECK(watch.active().size() == 6);

    // Acknowledged alarms stay listed until their cause is gone.
    const auto first = watch.active().front();
    REQUIRE(watch.acknowledge(first.id));
    CHECK(watch.active().front().acked);
    CHECK_FALSE(watch.acknowledge(999));

    // Causes gone: exposure, cycle and loss clear at once; clipping and limiter after 5 s;
    // xruns after 10 s.
    inputs.now = 2.0;
    inputs.seats[0].limiterDb = 0.0f;
    inputs.seats[0].exposureWarning = false;
    inputs.relayCycle = false;
    inputs.channels[0].lossPercent = 0.5;
    CHECK(watch.update(inputs).size() == 3);
    inputs.now = 6.1;
    CHECK(watch.update(inputs).size() == 2);
    inputs.now = 11.1;
    CHECK(watch.update(inputs).size() == 1);
    CHECK(watch.active().empty());
}

TEST_CASE("AlarmWatch: a lost or stalled device", "[control][alarms]")
{
    AlarmWatch watch;
    auto inputs = snapshot(0.0);
    inputs.callbacksStalled = true;
    auto raised = watch.update(inputs);
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].kind == "device");
    inputs.now = 1.0;
    inputs.callbacksStalled = false;
    CHECK(watch.update(inputs).size() == 1);
    inputs.deviceRunning = false;
    CHECK(watch.update(inputs).size() == 1);
    CHECK(watch.activeJson()[0]["cleared_at"].is_null());
}
