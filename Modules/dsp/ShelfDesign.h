#pragma once
// Shelving filters from R. Bristow-Johnson's "Audio EQ Cookbook" with shelf slope S = 1.
// Pure functions: any thread, real-time safe (no allocation; only libm).
//
// At 0 dB gain the numerator and denominator come out bit-identical, so a shelf at 0 dB passes
// its input exactly (b0 == 1, and the other terms cancel while the state is zero).

#include "dsp/Biquad.h"
#include "core/Realtime.h"

namespace dragoman
{

// `midFrequency` is where the response is half the shelf gain (in dB).
BiquadCoefficients lowShelf(double sampleRate, double midFrequency,
                            double gainDb) noexcept DRAGOMAN_NONBLOCKING;
BiquadCoefficients highShelf(double sampleRate, double midFrequency,
                             double gainDb) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
