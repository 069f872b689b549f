#pragma once
// Decibel conversions for amplitudes. Pure functions: any thread, real-time safe.

#include "core/Realtime.h"

#include <cmath>
#include <limits>

namespace dragoman
{

// -inf dB is a real setting (a muted fader), so it maps to exactly 0 rather than to a tiny gain.
inline float dbToGain(float db) noexcept DRAGOMAN_NONBLOCKING
{
    if (db == -std::numeric_limits<float>::infinity())
        return 0.0f;
    return std::pow(10.0f, db / 20.0f);
}

// Zero (and anything that is not a positive amplitude) reads -inf rather than NaN.
inline float gainToDb(float gain) noexcept DRAGOMAN_NONBLOCKING
{
    if (!(gain > 0.0f))
        return -std::numeric_limits<float>::infinity();
    return 20.0f * std::log10(gain);
}

} // namespace dragoman
