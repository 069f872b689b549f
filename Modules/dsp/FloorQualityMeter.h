#pragma once
// What the interpreter needs to judge the floor's sound: its level, whether it clips, and how
// much of the spectrum it carries. A telephone or a bad video link arrives band-limited to about
// 3.4 kHz; interpreters need 125 Hz - 15 kHz, and with this meter they can say "the sound is too
// poor to interpret" with a number behind it.
//
// Bandwidth: the highest frequency whose long-term average power (per FFT bin, ~2 s) is within
// 50 dB of the strongest bin. Not the 99 %-of-energy frequency: speech carries 99 % of its energy
// under ~4 kHz even when it is full-band, so that measure cannot tell a telephone from a studio.
// One 1024-point FFT per 1024 samples (~47 per second at 48 kHz), so the cost is tiny.
//
// Threads: prepare() on the control thread before audio starts. process() on the audio thread
// only. The getters read relaxed atomics and may be called from any thread.

#include "LevelMeter.h"
#include "PowerSpectrum.h"
#include "core/Realtime.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace dragoman
{

class FloorQualityMeter
{
public:
    static constexpr int kFrame = 1024;
    static constexpr float kRangeDb = 50.0f;        // below the strongest bin: not carried
    static constexpr float kSilenceDb = -80.0f;     // RMS under this: no bandwidth to speak of
    static constexpr double kAverageSeconds = 2.0;  // the spectrum's memory
    static constexpr double kClipHoldSeconds = 3.0; // how long "clipping" stays lit

    void prepare(double sampleRate);
    void process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;

    float levelDb() const noexcept { return level.rmsDb(); }
    float peakDb() const noexcept { return level.peakDb(); }
    // Samples at or beyond full scale since prepare(), and whether one came in the last 3 s.
    std::uint32_t clipCount() const noexcept { return clips.load(std::memory_order_relaxed); }
    bool clipping() const noexcept { return clippingNow.load(std::memory_order_relaxed); }
    // 0 until the floor has carried sound for a moment.
    float bandwidthHz() const noexcept { return bandwidth.load(std::memory_order_relaxed); }

private:
    void analyseFrame() noexcept DRAGOMAN_NONBLOCKING;

    double rate = 48000.0;
    LevelMeter level;
    PowerSpectrum spectrum;
    std::vector<float> frame;
    std::vector<double> average; // per bin, exponentially averaged power
    int filled = 0;
    double smoothing = 0.0;                       // weight of each new frame in the average
    double meanSquare = 0.0;                      // exponentially averaged, like the spectrum
    double silencePower = 0.0, rangeFactor = 0.0; // kSilenceDb and -kRangeDb as power ratios
    std::int64_t clipHoldFrames = 0;
    std::int64_t sinceClip = 0;

    std::atomic<std::uint32_t> clips{0};
    std::atomic<bool> clippingNow{false};
    std::atomic<float> bandwidth{0.0f};
};

} // namespace dragoman
