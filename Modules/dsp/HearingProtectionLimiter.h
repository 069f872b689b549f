#pragma once
// The last block of every interpreter's headphone path: hearing protection in three stages, as
// ISO 20109 desks do, all calibrated in dB SPL (see SplCalibration.h).
//   (a) Ceiling: no output sample above the peak of a sine at ceilingSpl (100 dB SPL). A 1 ms
//       look-ahead peak limiter, then a hard clamp that only catches rounding.
//   (b) Sustained: no 100 ms window of output louder (RMS) than a sine at sustainedSpl (94 dB SPL).
//       A smooth gain aims 1 dB under it; an exact energy backstop guarantees it.
//   (c) Exposure: Leq of the output over the last minute, with a warning above 80 dB SPL.
// (a) and (b) only ever reduce the gain, and the output takes the smaller of the two gains, so
// neither stage can break the other's guarantee. Sound below both limits passes bit-exact,
// delayed by latencyFrames(). Non-finite input samples (a broken decoder) are replaced by silence.
//
// It runs in chunks of up to chunkFrames, stage by stage, and gives the same output, to the bit,
// as the stages run sample by sample, whatever the block sizes (HearingProtectionEquivalenceTest
// compares the two). Each stage first tries to prove from exact window sums that a chunk needs
// no reduction (normal speech, far below the limits), and then costs next to nothing. The two
// stages coupled sample by sample, the short-term gain and the backstop (each output changes
// the room left for the next), run so only when the 100 ms window is nearly spent.
//
// Threads: prepare() allocates: control thread, before audio starts. process(), reset(),
// setCalibration() and the getters on the audio thread; the engine publishes the readings.

#include "core/Realtime.h"
#include "dsp/ExposureMeter.h"
#include "dsp/HearingProtectionSettings.h"
#include "dsp/LookaheadPeakGain.h"
#include "dsp/SustainedLevelGain.h"
#include "dsp/WindowEnergyLimit.h"

#include <vector>

namespace dragoman
{

class HearingProtectionLimiter
{
public:
    static constexpr double lookaheadSeconds = 0.001;
    static constexpr double ceilingReleaseSeconds = 0.06;
    static constexpr double sustainedWindowSeconds = 0.1;
    static constexpr double sustainedAimDb = 1.0; // the smooth gain aims this far under the limit
    // Long enough to pay for the proofs, short enough that their bounds stay tight.
    static constexpr int chunkFrames = 64;

    // Any block size works (the limiter runs in chunks); maxBlock is accepted for symmetry with
    // the other blocks of the path.
    void prepare(const HearingProtectionSettings& settings, double sampleRate, int maxBlock);
    // A seat's calibration changed (new headphones): thresholds follow at once, state is kept.
    void setCalibration(double splAt0dBFS) noexcept DRAGOMAN_NONBLOCKING;
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    void process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;

    int latencyFrames() const noexcept DRAGOMAN_NONBLOCKING { return lookahead; }
    const HearingProtectionSettings& settings() const noexcept { return config; }

    bool exposureWarning() const noexcept DRAGOMAN_NONBLOCKING { return exposure.warning(); }
    double leqSpl() const noexcept DRAGOMAN_NONBLOCKING { return exposure.leqSpl(); }
    // The largest reduction applied during the last process() call, in dB (0 = untouched).
    float gainReductionDb() const noexcept DRAGOMAN_NONBLOCKING { return reductionDb; }

private:
    // Processes n <= chunkFrames samples; returns the smallest gain applied.
    float processChunk(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;
    enum class Outputs
    {
        delayed, // the delayed inputs, untouched
        gained,  // out[i] == delayed input * gains[i]: nothing clamped, nothing backstopped
        limited, // out[i] as the clamp and the backstop left it
    };
    // Copies the chunk's outputs to buf; returns the smallest gain applied to them.
    float deliver(float* buf, const float* out, const float* gains, int n,
                  Outputs outputs) noexcept DRAGOMAN_NONBLOCKING;
    void countExposure(int n) noexcept DRAGOMAN_NONBLOCKING;

    HearingProtectionSettings config;
    int lookahead = 48;
    float ceiling = 1.0f; // largest sample value allowed out

    LookaheadPeakGain peakGain;
    SustainedLevelGain sustainedGain;
    WindowEnergyLimit sustainedBackstop;
    ExposureMeter exposure;

    // The look-ahead, then the chunk: line[i] is output as the chunk's sample i comes in at
    // line[lookahead + i].
    std::vector<float> line;

    float reductionDb = 0.0f;
};

} // namespace dragoman
