#pragma once
// ITU-R BS.1770-4 K-weighting for any sample rate: the "pre-filter" (a high shelf modelling the
// head) and the RLB high-pass. BS.1770 tabulates both at 48 kHz only; these are the analogue
// prototypes fitted to that table (as in libebur128), bilinear-transformed for `sampleRate`, so
// they reproduce the table at 48 kHz.
// Pure functions: any thread.

#include "dsp/Biquad.h"

namespace dragoman
{

BiquadCoefficients kWeightingShelf(double sampleRate) noexcept;
BiquadCoefficients kWeightingHighPass(double sampleRate) noexcept;

} // namespace dragoman
