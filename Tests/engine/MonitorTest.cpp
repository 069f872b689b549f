// The technician's monitor output: it carries exactly the chosen floor, channel, seat or
// microphone, silence when off, and switches without a click.

#include "EngineRig.h"

using namespace dragoman;
using namespace dragoman::test;

namespace
{
// The last `frames` samples of two tapes are the same samples.
bool sameTail(const std::vector<float>& a, const std::vector<float>& b, std::size_t frames)
{
    REQUIRE(a.size() >= frames);
    REQUIRE(b.size() >= frames);
    return std::equal(a.end() - static_cast<std::ptrdiff_t>(frames), a.end(),
                      b.end() - static_cast<std::ptrdiff_t>(frames));
}

constexpr std::size_t kSettled = 2400; // 50 ms, after the 10 ms crossfade
} // namespace

TEST_CASE("The monitor is silent until the technician picks a source", "[engine][monitor]")
{
    EngineRig rig;
    rig.run(0.1);
    CHECK(std::all_of(rig.monitor().begin(), rig.monitor().end(), [](float x) { return x == 0; }));
    CHECK(rig.engine.status().monitorSource() == MonitorSource{});
}

TEST_CASE("The monitor carries exactly the chosen floor, channel or seat", "[engine][monitor]")
{
    EngineRig rig;
    rig.post("seat kk-1 mic on");
    rig.post("seat en-1 listen kk");
    rig.run(0.1);

    rig.post("monitor floor");
    rig.run(0.1);
    CHECK(sameTail(rig.monitor(), rig.channel("floor"), kSettled));

    rig.post("monitor channel kk");
    rig.run(0.1);
    CHECK(sameTail(rig.monitor(), rig.channel("kk"), kSettled));
    CHECK_FALSE(sameTail(rig.monitor(), rig.channel("floor"), kSettled));

    // After volume and the limiter: what en-1 hears, not the kk channel it listens to.
    rig.post("seat en-1 volume -12");
    rig.post("monitor seat en-1");
    rig.run(0.1);
    CHECK(sameTail(rig.monitor(), rig.seat("en-1"), kSettled));
    CHECK_FALSE(sameTail(rig.monitor(), rig.channel("kk"), kSettled));

    rig.post("monitor off");
    rig.run(0.1);
    CHECK(std::all_of(rig.monitor().end() - kSettled, rig.monitor().end(),
                      [](float x) { return x == 0; }));
}

TEST_CASE("The monitor's mic source is the seat's raw microphone, live or not", "[engine][monitor]")
{
    EngineRig rig;
    rig.post("monitor mic zh-1"); // zh-1 is not on air: a technician's mic check
    rig.run(0.2);
    CHECK(std::abs(db(EngineRig::tone(rig.monitor(), rig.mic("zh-1")) / rig.micLevel)) < 0.1);
    CHECK(db(EngineRig::tone(rig.monitor(), EngineRig::floorHz) / rig.floorLevel) < -60.0);
    CHECK(db(EngineRig::tone(rig.channel("zh"), rig.mic("zh-1")) / rig.micLevel) < -60.0);
}

TEST_CASE("A monitor switch is a crossfade, not a click", "[engine][monitor][clicks]")
{
    constexpr double kStepLimit = 0.011; // as in the engine's click test: tones' own slopes
    EngineRig rig;
    rig.post("seat kk-1 mic on");
    rig.run(0.1);
    for (const char* text : {"monitor floor", "monitor channel kk", "monitor seat en-1",
                             "monitor mic kk-2", "monitor channel zh", "monitor off"})
    {
        const auto before = rig.monitor().size();
        rig.post(text);
        rig.run(0.05);
        INFO(text);
        CHECK(EngineRig::largestStep(rig.monitor(), before - 1, rig.monitor().size()) < kStepLimit);
    }
}

TEST_CASE("A monitor switch is announced once and shown on the status board",
          "[engine][monitor][events]")
{
    EngineRig rig;
    rig.run(0.5);
    rig.post("monitor channel en");
    rig.post("monitor channel en"); // already playing: no second event
    rig.run(0.1);

    int changes = 0;
    for (const auto& event : rig.events.events)
        changes += event.kind == EventKind::monitorChanged;
    CHECK(changes == 1);
    const auto* changed = rig.events.find(EventKind::monitorChanged);
    REQUIRE(changed != nullptr);
    CHECK(eventToJson(*changed, rig.plan, 48000.0) ==
          R"({"source":"channel:en","t":0.5,"type":"monitor-changed"})");
    CHECK(eventToText(*changed, rig.plan) == "monitor: channel:en");

    const auto source = rig.engine.status().monitorSource();
    CHECK(source == MonitorSource{MonitorTarget::channel, *rig.plan.channelIndex("en")});
    CHECK(monitorSourceName(source, rig.plan) == "channel:en");
}
