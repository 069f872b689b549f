#pragma once
// The three thresholds of an ISO 20109 interpreter headphone limiter, and the per-seat
// calibration that turns them into sample values. Plain data: copy it anywhere.

namespace dragoman
{

struct HearingProtectionSettings
{
    double splAt0dBFS = 110.0;        // dB SPL (RMS) of a full-scale sine at this seat
    double ceilingSpl = 100.0;        // no sample louder than the peak of a sine at this level
    double sustainedSpl = 94.0;       // no 100 ms window louder (RMS) than a sine at this level
    double exposureWarningSpl = 80.0; // warn when the Leq over the exposure window passes this
    double exposureWindowSeconds = 60.0;
};

} // namespace dragoman
