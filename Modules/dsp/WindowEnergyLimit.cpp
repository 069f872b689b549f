#include "dsp/WindowEnergyLimit.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void WindowEnergyLimit::prepare(int windowFrames)
{
    const auto w = static_cast<std::size_t>(std::max(windowFrames, 8));
    energies.assign(w, 0.0);
    horizons = {w / 8, w / 4, w / 2};
    for (std::size_t i = 0; i < horizons.size(); ++i)
        perFrame[i] = 1.0 / static_cast<double>(horizons[i]);
    reset();
}

void WindowEnergyLimit::setMaxMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING
{
    maxMeanSquare = meanSquare;
    // A hair under the limit absorbs rounding in the running sums and in float samples.
    budget = meanSquare * static_cast<double>(energies.size()) * (1.0 - 1e-6);
}

void WindowEnergyLimit::reset() noexcept DRAGOMAN_NONBLOCKING
{
    std::fill(energies.begin(), energies.end(), 0.0);
    oldest = 0;
    total = 0.0;
    leaving.fill(0.0);
}

float WindowEnergyLimit::limit(float y) noexcept DRAGOMAN_NONBLOCKING
{
    const std::size_t w = energies.size();
    const double room = budget - (total - energies[oldest]);
    double e = static_cast<double>(y) * y;
    if (e > room)
    {
        y = room > 0.0 ? std::copysign(static_cast<float>(std::sqrt(room)), y) : 0.0f;
        e = static_cast<double>(y) * y;
    }

    for (std::size_t i = 0; i < horizons.size(); ++i)
    {
        const std::size_t next = oldest + horizons[i];
        leaving[i] += energies[next < w ? next : next - w] - energies[oldest];
    }
    total += e - energies[oldest];
    energies[oldest] = e;
    if (++oldest == w)
    {
        oldest = 0;
        resum(); // running sums drift with rounding; starting afresh once per lap bounds that
    }
    return y;
}

double WindowEnergyLimit::affordableMeanSquare() const noexcept DRAGOMAN_NONBLOCKING
{
    // Over the next h outputs, the window keeps (total - leaving) and may take h new energies.
    double affordable = maxMeanSquare;
    for (std::size_t i = 0; i < horizons.size(); ++i)
        affordable = std::min(affordable, (budget - total + leaving[i]) * perFrame[i]);
    return std::max(affordable, 0.0);
}

void WindowEnergyLimit::resum() noexcept DRAGOMAN_NONBLOCKING
{
    // Called when oldest == 0, so the oldest h energies are simply the first h.
    double sum = 0.0;
    std::size_t i = 0;
    for (std::size_t h = 0; h < horizons.size(); ++h)
    {
        for (; i < horizons[h]; ++i)
            sum += energies[i];
        leaving[h] = sum;
    }
    for (; i < energies.size(); ++i)
        sum += energies[i];
    total = sum;
}

} // namespace dragoman
