// The engine's audio paths: what each channel carries and what each seat hears, switched without
// clicks, deterministically.

#include "EngineRig.h"

using namespace dragoman;
using namespace dragoman::test;

namespace
{
constexpr double kLevel = 0.05;
// A tone "is there" within 0.5 dB and "is gone" 60 dB down.
void present(double amplitude)
{
    CHECK(std::abs(db(amplitude / kLevel)) < 0.5);
}
void absent(double amplitude)
{
    CHECK(db(amplitude / kLevel) < -60.0);
}
} // namespace

TEST_CASE("The floor reaches every seat and every idle channel", "[engine][routing]")
{
    EngineRig rig;
    rig.run(0.3);
    present(EngineRig::tone(rig.channel("floor"), EngineRig::floorHz));
    present(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    present(EngineRig::tone(rig.seat("en-1"), EngineRig::floorHz));
    present(EngineRig::tone(rig.seat("kk-2"), EngineRig::floorHz));
    absent(EngineRig::tone(rig.channel("zh"), EngineRig::floorHz)); // zh idles to silence
}

TEST_CASE("A live microphone replaces the floor on its channel, and only there",
          "[engine][routing][autofloor]")
{
    EngineRig rig;
    rig.post("seat en-1 mic on");
    rig.run(0.3);
    present(EngineRig::tone(rig.channel("en"), rig.mic("en-1")));
    absent(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    absent(EngineRig::tone(rig.channel("kk"), rig.mic("en-1")));
    absent(EngineRig::tone(rig.channel("en"), rig.mic("en-2"))); // a partner's open mic stays out

    rig.post("seat en-1 mic off");
    rig.run(0.3);
    present(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    absent(EngineRig::tone(rig.channel("en"), rig.mic("en-1")));
}

TEST_CASE("Output B sends the microphone to the B channel", "[engine][routing]")
{
    EngineRig rig;
    rig.post("floor language kk");
    rig.post("seat kk-1 output B");
    rig.post("seat kk-1 mic on");
    rig.run(0.3);
    present(EngineRig::tone(rig.channel("ru"), rig.mic("kk-1")));
    absent(EngineRig::tone(rig.channel("kk"), rig.mic("kk-1")));
    present(EngineRig::tone(rig.channel("kk"), EngineRig::floorHz)); // kk passes the floor through
}

TEST_CASE("A relay seat hears the pivot interpreter", "[engine][relay]")
{
    EngineRig rig;
    rig.post("seat en-1 mic on");
    rig.run(0.3);
    // zh does not understand ru: auto-relay takes the en channel.
    present(EngineRig::tone(rig.seat("zh-1"), rig.mic("en-1")));
    absent(EngineRig::tone(rig.seat("zh-1"), EngineRig::floorHz));
    rig.post("seat zh-1 listen floor");
    rig.run(0.3);
    present(EngineRig::tone(rig.seat("zh-1"), EngineRig::floorHz));
}

TEST_CASE("Cough silences the channel without handing it to the floor", "[engine][cough]")
{
    EngineRig rig;
    rig.post("seat en-1 mic on");
    rig.run(0.2);
    rig.post("seat en-1 cough on");
    rig.run(0.2);
    absent(EngineRig::tone(rig.channel("en"), rig.mic("en-1")));
    absent(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    rig.post("seat en-1 cough off");
    rig.run(0.2);
    present(EngineRig::tone(rig.channel("en"), rig.mic("en-1")));
}

TEST_CASE("Pass-through: the floor language's channel carries the floor over a live seat",
          "[engine][passthrough]")
{
    EngineRig rig;
    rig.post("seat en-1 mic on");
    rig.run(0.2);
    rig.post("floor language en");
    rig.run(0.3);
    present(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    absent(EngineRig::tone(rig.channel("en"), rig.mic("en-1")));
}

TEST_CASE("Idle silence and idle floor per channel", "[engine][autofloor]")
{
    EngineRig rig;
    rig.post("channel en idle silence");
    rig.post("channel zh idle floor");
    rig.run(0.3);
    absent(EngineRig::tone(rig.channel("en"), EngineRig::floorHz));
    present(EngineRig::tone(rig.channel("zh"), EngineRig::floorHz));
}

TEST_CASE("Headphone volume and sidetone", "[engine][seat]")
{
    EngineRig rig;
    rig.post("seat en-1 volume -6");
    rig.post("seat en-2 sidetone -6");
    rig.run(0.3);
    CHECK(db(EngineRig::tone(rig.seat("en-1"), EngineRig::floorHz) / kLevel) ==
          Approx(-6.0).margin(0.1));
    CHECK(db(EngineRig::tone(rig.seat("en-2"), rig.mic("en-2")) / kLevel) ==
          Approx(-6.0).margin(0.1));
    absent(EngineRig::tone(rig.seat("en-1"), rig.mic("en-1"))); // sidetone is off by default
}

TEST_CASE("The seat path is flat from 125 Hz to 15 kHz", "[engine][seat][response]")
{
    for (const double hz : {125.0, 250.0, 1000.0, 4000.0, 8000.0, 12000.0, 15000.0})
    {
        static double frequency;
        frequency = hz;
        EngineRig rig;
        rig.floorSignal = [](std::int64_t frame)
        {
            return kLevel * std::sin(2 * std::numbers::pi * frequency * static_cast<double>(frame) /
                                     EngineRig::rate);
        };
        rig.run(0.3);
        INFO(hz << " Hz");
        CHECK(std::abs(db(EngineRig::tone(rig.seat("en-1"), hz) / kLevel)) < 1.0);
    }
}

TEST_CASE("No switch clicks: every gain change is ramped", "[engine][clicks]")
{
    // With 0.05 tones at 300-800 Hz a sample-to-sample step stays under 2 * 0.05 * 2pi * 800 /
    // 48000 = 0.0105 with two tones summed; an unramped switch jumps by up to 0.1.
    constexpr double kStepLimit = 0.011;
    const char* switches[] = {
        "seat en-1 mic on",      "seat en-1 cough on",   "seat en-1 cough off",
        "seat en-1 mic off",     "seat en-1 listen kk",  "seat en-1 listen floor",
        "seat en-1 volume -20",  "seat en-1 sidetone 0", "channel en idle silence",
        "channel en idle floor", "seat en-1 bass 12",    "seat en-1 treble -12"};
    EngineRig rig;
    rig.post("seat kk-1 mic on"); // something different to listen to on kk
    rig.run(0.1);
    for (const auto* text : switches)
    {
        const auto before = rig.channel("en").size();
        rig.post(text);
        rig.run(0.05);
        INFO(text);
        CHECK(EngineRig::largestStep(rig.channel("en"), before - 1, rig.channel("en").size()) <
              kStepLimit);
        CHECK(EngineRig::largestStep(rig.seat("en-1"), before - 1, rig.seat("en-1").size()) <
              kStepLimit);
    }
}

TEST_CASE("The same inputs and commands give bit-identical outputs", "[engine][determinism]")
{
    const auto render = []
    {
        EngineRig rig;
        rig.post("seat en-1 mic on");
        rig.run(0.1);
        rig.post("seat zh-1 mic on");
        rig.post("seat en-1 bass 6");
        rig.run(0.1);
        rig.post("floor language kk");
        rig.run(0.1);
        return std::make_pair(rig.channel("zh"), rig.seat("zh-1"));
    };
    const auto first = render();
    const auto second = render();
    CHECK(first.first == second.first);
    CHECK(first.second == second.second);
}

TEST_CASE("Hearing protection in the engine: a shock is held at the seat's ceiling",
          "[engine][limiter]")
{
    EngineRig rig;
    rig.floorSignal = [](std::int64_t frame)
    {
        return (frame / 24) % 2 ? 4.0 : -4.0;
    }; // +12 dBFS square
    rig.run(0.5);
    const auto& heard = rig.seat("en-1");
    const double ceiling = std::pow(10.0, (100.0 - 110.0) / 20.0); // 100 dB SPL sine peak
    double peak = 0.0;
    for (const float x : heard)
        peak = std::max(peak, static_cast<double>(std::abs(x)));
    CHECK(peak <= ceiling * 1.0001);
    CHECK(rig.engine.status().seats[0].limiterReductionDb.load() > 10.0f);
}

TEST_CASE("An exposure warning event after a loud minute", "[engine][limiter]")
{
    EngineRig rig;
    rig.floorLevel = static_cast<float>(std::sqrt(2.0) * std::pow(10.0, (85.0 - 110.0) / 20.0) /
                                        std::sqrt(2.0) * std::sqrt(2.0)); // a sine at 85 dB SPL
    rig.run(62.0);
    const auto* warning = rig.events.find(EventKind::exposureWarning);
    REQUIRE(warning != nullptr);
    CHECK(warning->value > 80.0f);
    CHECK(eventToJson(*warning, rig.plan, 48000.0).find("\"exposure-warning\"") !=
          std::string::npos);
}

TEST_CASE("Events carry the engine time of the block that applied them", "[engine][events]")
{
    EngineRig rig;
    rig.run(0.5);
    rig.post("seat en-1 mic on");
    rig.run(0.1);
    const auto* on = rig.events.find(EventKind::micOn);
    REQUIRE(on != nullptr);
    CHECK(on->frame == 24000);
    CHECK(eventToJson(*on, rig.plan, 48000.0) ==
          R"({"channel":"en","seat":"en-1","t":0.5,"type":"mic-on"})");
}

TEST_CASE("Auto-floor crossfades: the floor rises over 20 ms as the interpreter leaves", "[engine][autofloor]")
{
    EngineRig rig;
    rig.floorSignal = [](std::int64_t) { return kLevel; }; // a constant floor shows the fade's shape
    rig.micLevel = 0.0f;
    rig.post("seat en-1 mic on");
    rig.run(0.1);
    const auto start = rig.channel("en").size();
    rig.post("seat en-1 mic off");
    rig.run(0.1);
    const auto& en = rig.channel("en");
    const auto at = [&](double ms) { return en[start + static_cast<std::size_t>(ms * 48.0)] / kLevel; };
    CHECK(at(0.0) < 0.01);
    CHECK(at(5.0) == Approx(0.25).margin(0.02));
    CHECK(at(10.0) == Approx(0.5).margin(0.02));
    CHECK(at(19.9) > 0.98);
    CHECK(at(25.0) == Approx(1.0));
}
