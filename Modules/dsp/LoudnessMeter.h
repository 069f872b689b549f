#pragma once
// Short-term loudness (ITU-R BS.1770-4 / EBU Tech 3341: K-weighted, 3 s sliding window, updated
// every 100 ms) of one mono signal, for the technician's channel meters.
//
// Threads: prepare() allocates: control thread, before audio starts. process() and reset() on the
// audio thread only. shortTermLufs() reads a relaxed atomic: any thread. The audio thread
// publishes the mean square and the getter takes its logarithm, off the audio thread.

#include "core/Realtime.h"
#include "dsp/Biquad.h"
#include "dsp/WindowSum.h"

#include <atomic>

namespace dragoman
{

class LoudnessMeter
{
public:
    // BS.1770's absolute gate: anything quieter counts as silence, and silence reads this.
    static constexpr float floorLufs = -70.0f;
    static constexpr double windowSeconds = 3.0;
    static constexpr double blockSeconds = 0.1;

    void prepare(double sampleRate);
    void process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    // Until 3 s have passed, the average of what has been measured so far.
    float shortTermLufs() const noexcept;

private:
    static_assert(std::atomic<double>::is_always_lock_free);

    void publish() noexcept DRAGOMAN_NONBLOCKING;

    Biquad shelf;
    Biquad highPass;
    WindowSum blocks; // K-weighted energy of each 100 ms block of the last 3 s
    int blockFrames = 4800;
    int framesInBlock = 0;
    double blockEnergy = 0.0;
    std::atomic<double> meanSquare{0.0}; // K-weighted, over the window
};

} // namespace dragoman
