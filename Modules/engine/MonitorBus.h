#pragma once
// The technician's monitor output (headphone check): one source at a time — the floor, a
// channel as it goes out, a seat's headphone feed after its limiter, or a seat's raw microphone —
// crossfaded when the technician switches, as a seat's listen source is, so that the technician's
// headphones never click. The engine finds the sources' audio; the bus keeps the choice, the
// ramps and the two seat blocks it was handed this block.
//
// Threads: prepare() on the control thread before audio starts (allocates); everything else on
// the audio thread.

#include "core/Command.h"
#include "core/Realtime.h"
#include "dsp/GainRamp.h"

#include <vector>

namespace dragoman
{

class MonitorBus
{
public:
    void prepare(int maxBlock, int switchFrames);

    // Switches to `wanted` with a crossfade; false (and nothing changes) when it already plays.
    bool select(MonitorSource wanted) noexcept DRAGOMAN_NONBLOCKING;

    MonitorSource source() const noexcept DRAGOMAN_NONBLOCKING { return current; }
    // The source fading out after a switch, or off when none is.
    MonitorSource fadingSource() const noexcept DRAGOMAN_NONBLOCKING
    {
        return fadeOut.ramping() ? previous : MonitorSource{};
    }

    // A seat's headphone feed exists only while the engine renders that seat (it reuses one
    // buffer for all of them): the engine copies the block here when this returns a buffer, that
    // is when the seat is the current or the fading source.
    float* seatCapture(int seat) noexcept DRAGOMAN_NONBLOCKING;
    // The captured block of the current (fading = false) or the fading seat source.
    const float* capturedSeat(bool fading) const noexcept DRAGOMAN_NONBLOCKING;

    // `heard` is the current source's audio, `fading` the previous one's; nullptr is silence.
    // Writes n frames of the monitor feed to `out`.
    void process(const float* heard, const float* fading, float* out,
                 int n) noexcept DRAGOMAN_NONBLOCKING;

private:
    MonitorSource current;
    MonitorSource previous;
    int rampFrames = 480;
    GainRamp fadeIn{1.0f};
    GainRamp fadeOut{0.0f};
    std::vector<float> currentSeat;
    std::vector<float> fadingSeat;
    std::vector<float> silence;
};

} // namespace dragoman
