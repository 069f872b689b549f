// The handover in audio: the partner's microphone fades out while the taker's fades in, in the
// same block, so the delegates hear neither silence nor the floor in between; and the floor's
// quality reaches the StatusBoard for the booth consoles.

#include "EngineRig.h"

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("Handover crossfades the two microphones without a gap or the floor",
          "[engine][handover]")
{
    EngineRig rig;
    rig.post("seat en-1 mic on");
    rig.run(0.3);
    const auto before = rig.channel("en").size();
    rig.post("seat en-2 handover");
    rig.run(0.3);

    CHECK(EngineRig::tone(rig.channel("en"), rig.mic("en-2")) > 0.04);
    CHECK(EngineRig::tone(rig.channel("en"), rig.mic("en-1")) < 1e-4);
    const auto& status = rig.engine.status();
    CHECK(status.seats[*rig.plan.seatIndex("en-2")].live.load());
    CHECK_FALSE(status.seats[*rig.plan.seatIndex("en-1")].live.load());

    // Across the switch the channel never drops to silence: each 5 ms stretch keeps energy,
    // and the floor never comes back in between (the auto-floor ramp stays closed).
    const auto& en = rig.channel("en");
    for (std::size_t at = before; at + 240 <= before + 4800; at += 240)
    {
        const std::vector<float> stretch(en.begin() + static_cast<long>(at),
                                         en.begin() + static_cast<long>(at + 240));
        double energy = 0.0;
        for (float s : stretch)
            energy += static_cast<double>(s) * s;
        INFO("at frame " << at - before);
        CHECK(energy / 240.0 > 1e-4); // a 0.05 sine has 1.25e-3
    }
    const std::vector<float> around(en.begin() + static_cast<long>(before),
                                    en.begin() + static_cast<long>(before + 4800));
    CHECK(EngineRig::tone(around, EngineRig::floorHz, 0.1) < 1e-3);
    CHECK(EngineRig::largestStep(en, before, before + 4800) < 0.03);
}

TEST_CASE("The floor's quality is published for the booths", "[engine][floorquality]")
{
    EngineRig rig;
    rig.run(3.0);
    const auto& quality = rig.engine.status().floorQuality;
    CHECK(quality.levelDb() == Approx(-29.0).margin(1.0)); // RMS of the 0.05 floor tone
    CHECK(quality.bandwidthHz() > 200.0f);
    CHECK(quality.bandwidthHz() < 1000.0f);
    CHECK_FALSE(quality.clipping());
}
