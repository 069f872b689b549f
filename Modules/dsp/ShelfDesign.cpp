#include "dsp/ShelfDesign.h"

#include <cmath>
#include <numbers>

namespace dragoman
{
namespace
{

struct ShelfTerms
{
    double a;     // sqrt of the linear gain, as the cookbook defines A
    double cosw;  // cos(w0)
    double twoSa; // 2 * sqrt(A) * alpha
};

ShelfTerms shelfTerms(double sampleRate, double midFrequency, double gainDb) noexcept
{
    const double a = std::pow(10.0, gainDb / 40.0);
    const double w0 = 2.0 * std::numbers::pi * midFrequency / sampleRate;
    const double alpha = std::sin(w0) / 2.0 * std::sqrt(2.0); // S = 1
    return {a, std::cos(w0), 2.0 * std::sqrt(a) * alpha};
}

BiquadCoefficients normalise(double b0, double b1, double b2, double a0, double a1,
                             double a2) noexcept
{
    return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

} // namespace

BiquadCoefficients lowShelf(double sampleRate, double midFrequency,
                            double gainDb) noexcept DRAGOMAN_NONBLOCKING
{
    const auto [a, c, s] = shelfTerms(sampleRate, midFrequency, gainDb);
    return normalise(a * ((a + 1) - (a - 1) * c + s), 2 * a * ((a - 1) - (a + 1) * c),
                     a * ((a + 1) - (a - 1) * c - s), (a + 1) + (a - 1) * c + s,
                     -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - s);
}

BiquadCoefficients highShelf(double sampleRate, double midFrequency,
                             double gainDb) noexcept DRAGOMAN_NONBLOCKING
{
    const auto [a, c, s] = shelfTerms(sampleRate, midFrequency, gainDb);
    return normalise(a * ((a + 1) + (a - 1) * c + s), -2 * a * ((a - 1) + (a + 1) * c),
                     a * ((a + 1) + (a - 1) * c - s), (a + 1) - (a - 1) * c + s,
                     2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - s);
}

} // namespace dragoman
