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
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio thread.

#include "dsp/LookaheadPeakGain.h"
#include "core/Realtime.h"
#include "dsp/WindowSum.h"

namespace dragoman
{

class SustainedLevelGain
{
public:
    static constexpr double windowSeconds = 0.020;
    static constexpr double onsetWindowSeconds = 0.001;
    static constexpr double releaseSeconds = 0.4;
    static constexpr double shortTermReleaseSeconds = 0.05;

    void prepare(double sampleRate, int lookaheadFrames);
    void setTargetMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING
    {
        target = meanSquare;
    }
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    // Takes the newest input sample; returns the gain for the one `lookaheadFrames` older.
    // `affordableMeanSquare` may ask for less than the target (see WindowEnergyLimit).
    float push(float x, double affordableMeanSquare) noexcept DRAGOMAN_NONBLOCKING;

private:
    WindowSum energy;
    WindowSum onsetEnergy;
    LookaheadPeakGain levelSmoother;
    LookaheadPeakGain shortTermSmoother;
    double target = 0.0;
    double perLevelFrame = 1.0;
    double perOnsetFrame = 0.5;
};

} // namespace dragoman
