#pragma once
// One interpreter's headphone path: the chosen listen source (crossfaded when it changes), the
// optional sidetone of the seat's own microphone, volume, bass and treble, and the three-stage
// hearing-protection limiter calibrated in dB SPL for this seat's headphones.
//
// Threads: prepare() on the control thread (allocates); everything else on the audio thread.

#include "core/Floorplan.h"
#include "dsp/GainRamp.h"
#include "dsp/HearingProtectionLimiter.h"
#include "core/Realtime.h"
#include "dsp/ToneControl.h"

namespace dragoman
{

class SeatStrip
{
public:
    void prepare(double sampleRate, int maxBlock, double splAt0dBFS);

    // Retargets the ramps from the desk's settings; cheap when nothing changed.
    void follow(int source, float volumeDb, float bassDb, float trebleDb,
                float sidetoneDb) noexcept DRAGOMAN_NONBLOCKING;

    int source() const noexcept { return current; }
    // The source being faded out after a change, or kNoChannel.
    int fadingSource() const noexcept { return fadeOut.ramping() ? previous : kNoChannel; }

    // `heard` is the current source's audio, `fading` the previous one's (nullptr when not
    // fading), `mic` the seat's microphone (nullptr = silence). Writes the headphone feed.
    void process(const float* heard, const float* fading, const float* mic, float* out,
                 int n) noexcept DRAGOMAN_NONBLOCKING;

    const HearingProtectionLimiter& limiter() const noexcept { return protection; }

private:
    int current = kFloor;
    int previous = kNoChannel;
    int rampFrames = 480;
    GainRamp fadeIn{1.0f};
    GainRamp fadeOut{0.0f};
    GainRamp sidetone{0.0f};
    GainRamp volume{1.0f};
    ToneControl tone;
    HearingProtectionLimiter protection;
};

} // namespace dragoman
