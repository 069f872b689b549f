#include "PowerSpectrum.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace dragoman
{

void PowerSpectrum::prepare(int size)
{
    assert(size >= 2 && (size & (size - 1)) == 0);
    n = size;
    window.resize(n);
    reversed.resize(n);
    cosines.resize(n / 2);
    sines.resize(n / 2);
    re.assign(n, 0.0);
    im.assign(n, 0.0);
    powers.assign(n / 2 + 1, 0.0f);
    for (int i = 0; i < n; ++i)
        window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / n));
    int bits = 0;
    while ((1 << bits) < n)
        ++bits;
    for (int i = 0; i < n; ++i)
    {
        int r = 0;
        for (int b = 0; b < bits; ++b)
            r |= ((i >> b) & 1) << (bits - 1 - b);
        reversed[i] = r;
    }
    for (int k = 0; k < n / 2; ++k)
    {
        cosines[k] = std::cos(2.0 * std::numbers::pi * k / n);
        sines[k] = -std::sin(2.0 * std::numbers::pi * k / n);
    }
}

void PowerSpectrum::analyse(const float* frame) noexcept DRAGOMAN_NONBLOCKING
{
    for (int i = 0; i < n; ++i)
    {
        re[reversed[i]] = static_cast<double>(frame[i] * window[i]);
        im[reversed[i]] = 0.0;
    }
    transform();
    for (int k = 0; k <= n / 2; ++k)
        powers[k] = static_cast<float>(re[k] * re[k] + im[k] * im[k]);
}

// Iterative Cooley-Tukey on bit-reversed input: log2(n) passes of butterflies.
void PowerSpectrum::transform() noexcept DRAGOMAN_NONBLOCKING
{
    for (int span = 1; span < n; span *= 2)
    {
        const int stride = n / (2 * span);
        for (int start = 0; start < n; start += 2 * span)
            for (int j = 0; j < span; ++j)
            {
                const int a = start + j;
                const int b = a + span;
                const double c = cosines[j * stride];
                const double s = sines[j * stride];
                const double tr = c * re[b] - s * im[b];
                const double ti = c * im[b] + s * re[b];
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
    }
}

} // namespace dragoman
