#pragma once
// Decides how fast to play: the speed, in ppm above nominal, at which the resampler consumes
// decoded audio. Two parts:
// - feed-forward: the sender's clock drift (DriftEstimator), so that a steady drift needs no
//   error to be corrected;
// - feedback: a PI controller on the buffer delay's error (measured minus target). It absorbs what
//   the estimate misses (the sound card's own clock, estimation error) and carries out the
//   policy's slow shrinking. Its share is capped at `maxCorrectionPpm`: 2500 ppm gives back at
//   most 2.5 ms of delay per second (a 10 ms frame in 4 s) at a pitch change of 4 cents, which no
//   listener hears.
//
// Threads: one owner thread (the audio thread in the receiver); real-time safe.

#include "core/Realtime.h"

namespace dragoman
{

struct DriftCorrectorConfig
{
    double gainPerSecond = 0.5;           // proportional: 1 ms of error plays 500 ppm faster
    double integralSeconds = 20.0;        // the integral catches up with the error in this time
    double maxCorrectionPpm = 2500.0;     // cap of the feedback part
    double maxDriftPpm = 1000.0;          // cap of the feed-forward part (crystals: +-100 ppm)
    double integrateBelowSeconds = 0.001; // larger errors are steps, not drift
};

class DriftCorrector
{
public:
    explicit DriftCorrector(const DriftCorrectorConfig& settings = {}) noexcept : config(settings)
    {
    }

    // errorSeconds: measured buffer delay minus target (positive: too much buffered, play faster).
    // driftPpm: the sender's estimated drift, used once driftValid. Returns the speed in ppm.
    double update(double errorSeconds, double driftPpm, bool driftValid,
                  double elapsedSeconds) noexcept DRAGOMAN_NONBLOCKING;

    double speedPpm() const noexcept DRAGOMAN_NONBLOCKING { return speed; }
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    DriftCorrectorConfig config;
    double integral = 0.0; // ppm
    double feedForward = 0.0;
    bool haveFeedForward = false;
    double speed = 0.0;
};

} // namespace dragoman
