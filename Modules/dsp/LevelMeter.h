#pragma once
// Peak and RMS of the last ~100 ms, plus a count of clipping blocks, for the technician's
// channel meters and clipping alarm.
//
// Threads: prepare() on the control thread before audio starts. process() on the audio thread
// only. The getters read relaxed atomics and may be called from any thread: a UI polls them.
// The audio thread publishes linear values and the getters convert them to dB, so that the
// logarithms of every meter do not land in the one block where their windows end.

#include "core/Realtime.h"

#include <atomic>
#include <cstdint>

namespace dragoman
{

class LevelMeter
{
public:
    static constexpr float floorDb = -120.0f; // silence reads this, not -inf: easy to draw and send
    static constexpr double windowSeconds = 0.1;

    void prepare(double sampleRate);
    void process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;
    // Audio thread (or before audio starts): forget the partial window and the published values.
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    float peakDb() const noexcept;
    float rmsDb() const noexcept;
    // Blocks passed to process() that held a sample at or beyond full scale.
    std::uint32_t clipCount() const noexcept { return clips.load(std::memory_order_relaxed); }

private:
    static_assert(std::atomic<float>::is_always_lock_free);
    static_assert(std::atomic<double>::is_always_lock_free);
    static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

    void publish() noexcept DRAGOMAN_NONBLOCKING;

    int windowFrames = 4800;
    int framesInWindow = 0;
    float windowPeak = 0.0f;
    double windowEnergy = 0.0;

    std::atomic<float> peak{0.0f};       // linear, of the last full window
    std::atomic<double> meanSquare{0.0}; // of the last full window
    std::atomic<std::uint32_t> clips{0};
};

} // namespace dragoman
