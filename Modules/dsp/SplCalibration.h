#pragma once
// dBFS <-> dB SPL at an interpreter's headphones, as desks calibrate it: a full-scale sine
// (peak 1.0) plays at `splAt0dBFS` dB SPL (RMS). So a sine at L dB SPL has peak
// 10^((L - splAt0dBFS) / 20), and a signal's level in dB SPL is that of the sine with the same
// RMS. Pure functions: any thread, real-time safe.

#include <cmath>
#include <limits>

namespace dragoman
{

// Peak amplitude of a sine at `spl` dB SPL.
inline double sinePeakAtSpl(double spl, double splAt0dBFS) noexcept
{
    return std::pow(10.0, (spl - splAt0dBFS) / 20.0);
}

// Mean square (RMS squared) of a sine at `spl` dB SPL.
inline double sineMeanSquareAtSpl(double spl, double splAt0dBFS) noexcept
{
    const double peak = sinePeakAtSpl(spl, splAt0dBFS);
    return peak * peak / 2.0;
}

// Level in dB SPL of a signal with this mean square; -inf for silence.
inline double splOfMeanSquare(double meanSquare, double splAt0dBFS) noexcept
{
    if (!(meanSquare > 0.0))
        return -std::numeric_limits<double>::infinity();
    return splAt0dBFS + 10.0 * std::log10(2.0 * meanSquare);
}

} // namespace dragoman
