#pragma once
// Stage (b) of the hearing-protection limiter, the musical part: a smooth gain that brings loud
// sound down to a target RMS (a little under the 100 ms limit) without pumping, and leaves
// anything quieter untouched (gain exactly 1).
//
// Its level is the mean square of the last 20 ms: long enough that the ripple of a low tone does
// not modulate the gain. Released over 400 ms, so that speech between loud passages does not swell.
//
// Two short-term reductions join it, released over 50 ms because what they answer passes quickly:
// - Onsets: the 20 ms window fills too slowly. A sound 30 dB over the limit would come out at the
//   100 dB ceiling for ~8 ms and use up the 100 ms window's headroom, and the exact backstop would
//   then have to mute ~90 ms later. So a 1 ms window counts too, at half its mean square: no short
//   stretch of a steady sine or noise averages more than twice its mean square, so for steady
//   sound the 20 ms window still decides.
// - Room: when the output's 100 ms window is nearly spent (see WindowEnergyLimit), the gain fades
//   down to what the window can still take, instead of leaving the backstop to cut off.
//
// Each gain is smoothed like the peak stage's (LookaheadPeakGain): fully down when the first loud
// sample leaves the look-ahead, with the attack spread over the look-ahead before it.
//
// Levels are read from an EnergyHistory (exact sums), so a chunk's gains are the same whether
// they are computed sample by sample (push(), or shortTermGain() per sample) or for the chunk at
// once (levelGains(), shortTermGains()); the chunk calls also prove, when they can, that a whole
// chunk needs no reduction, and then cost next to nothing.
//
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio thread.

#include "core/Realtime.h"
#include "dsp/EnergyHistory.h"
#include "dsp/LookaheadPeakGain.h"

#include <cstdint>
#include <vector>

namespace dragoman
{

class SustainedLevelGain
{
public:
    static constexpr double windowSeconds = 0.020;
    static constexpr double onsetWindowSeconds = 0.001;
    static constexpr double releaseSeconds = 0.4;
    static constexpr double shortTermReleaseSeconds = 0.05;

    static constexpr int maxChunk = 64;

    // Chunks passed to addInput() hold at most largestChunk frames (<= maxChunk; throws
    // std::length_error otherwise).
    void prepare(double sampleRate, int lookaheadFrames, int largestChunk);
    void setTargetMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING
    {
        target = meanSquare;
    }
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    // Takes the newest input sample; returns the gain for the one `lookaheadFrames` older.
    // `affordableMeanSquare` may ask for less than the target (see WindowEnergyLimit).
    float push(float x, double affordableMeanSquare) noexcept DRAGOMAN_NONBLOCKING;

    // A chunk at a time: addInput() takes the newest n samples; then levelGains() once, and
    // either shortTermGains() once or shortTermGain() for i = 0 .. n-1 in order. The sustained
    // gain of sample i is the smaller of its level gain and its short-term gain.
    void addInput(const float* x, int n) noexcept DRAGOMAN_NONBLOCKING;
    // An upper bound of every mean square that the short-term gain compares with the affordable
    // one in this chunk: while that is affordable, only the target can reduce.
    double loudestMeanSquare() const noexcept DRAGOMAN_NONBLOCKING;
    // Writes the chunk's level gains and returns true; or returns false, writing nothing, when
    // they are all exactly 1.
    bool levelGains(float* gains) noexcept DRAGOMAN_NONBLOCKING;
    // The same for the short-term gains, when the affordable mean square is `affordable` for the
    // whole chunk, or at least loudestMeanSquare() for every sample of it.
    bool shortTermGains(double affordable, float* gains) noexcept DRAGOMAN_NONBLOCKING;
    // The short-term gain of the chunk's sample i, given that sample's affordable mean square.
    float shortTermGain(int i, double affordable) noexcept DRAGOMAN_NONBLOCKING;

    // The input samples so far (the chunk's included), for readers of their energy.
    const EnergyHistory& inputs() const noexcept DRAGOMAN_NONBLOCKING { return energy; }

private:
    // Window sums (below 2^63 counts: see EnergyHistory) as mean squares; monotonic.
    double levelOf(std::uint64_t sum) const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<double>(static_cast<std::int64_t>(sum)) * perLevelCount;
    }
    double onsetOf(std::uint64_t sum) const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<double>(static_cast<std::int64_t>(sum)) * perOnsetCount;
    }
    // Fills levels and onsets for the chunk, once.
    void measure() noexcept DRAGOMAN_NONBLOCKING;

    EnergyHistory energy;
    int levelFrames = 960;
    int onsetFrames = 48;
    std::int64_t chunkStart = 0; // energy.frames() before the chunk
    int chunkFrames = 0;
    bool measured = false;
    // Scratch for one chunk: each sample's mean squares, and the needs handed to the smoothers.
    std::vector<float> levels;
    std::vector<float> onsets;
    std::vector<float> needs;
    LookaheadPeakGain levelSmoother;
    LookaheadPeakGain shortTermSmoother;
    double target = 0.0;
    double perLevelCount = 1.0; // mean square per count in the level window
    double perOnsetCount = 0.5; // the same, halved, in the onset window
};

} // namespace dragoman
