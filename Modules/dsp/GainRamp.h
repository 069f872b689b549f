#pragma once
// A linear gain ramp: every gain change in the router (fader, mute, crossfade, switch) goes
// through one, because a gain that steps clicks.
//
// Threads: everything is real-time safe and belongs to one thread, the audio thread. The control
// thread never calls it directly; the engine forwards changes through its command queue.

#include "core/Realtime.h"

namespace dragoman
{

class GainRamp
{
public:
    explicit GainRamp(float initialGain = 1.0f) noexcept { reset(initialGain); }

    // Jump without a ramp: before audio starts, or when the output is known to be silent.
    void reset(float newGain) noexcept DRAGOMAN_NONBLOCKING;
    // Reach `newGain` after `rampFrames` frames, starting from wherever the gain is now (also in
    // the middle of another ramp). rampFrames <= 0 jumps.
    void setTarget(float newGain, int rampFrames) noexcept DRAGOMAN_NONBLOCKING;

    float current() const noexcept DRAGOMAN_NONBLOCKING { return gain; }
    float target() const noexcept DRAGOMAN_NONBLOCKING { return goal; }
    bool ramping() const noexcept DRAGOMAN_NONBLOCKING { return done < length; }

    // buf[i] *= gain, advancing the ramp one step per frame.
    void apply(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;
    // dst[i] += src[i] * gain, advancing the ramp one step per frame: mixing without a temp buffer.
    // src and dst are separate buffers (or the same one).
    void addTo(const float* src, float* dst, int n) noexcept DRAGOMAN_NONBLOCKING;
    // What addTo() into a buffer of zeros gives (so -0 comes out as +0), without clearing it
    // first: the first source of a mix.
    void setTo(const float* src, float* dst, int n) noexcept DRAGOMAN_NONBLOCKING;

private:
    // Gain for the next frame. Computed from the start rather than accumulated, so that a long
    // ramp does not drift and lands exactly on the target.
    float advance() noexcept DRAGOMAN_NONBLOCKING
    {
        ++done;
        gain = done >= length ? goal : start + step * static_cast<float>(done);
        return gain;
    }

    float start = 1.0f;
    float goal = 1.0f;
    float gain = 1.0f;
    float step = 0.0f;
    int length = 0;
    int done = 0;
};

} // namespace dragoman
