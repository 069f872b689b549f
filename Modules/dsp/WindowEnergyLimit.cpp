#include "dsp/WindowEnergyLimit.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void WindowEnergyLimit::prepare(int windowFrames, int maxChunk)
{
    window = std::clamp(windowFrames, 8, EnergyHistory::maxWindowFrames);
    energies.prepare(static_cast<int>(window), maxChunk);
    horizons = {window / 8, window / 4, window / 2};
    for (std::size_t i = 0; i < horizons.size(); ++i)
        perFrame[i] = EnergyHistory::quantum / static_cast<double>(horizons[i]);
    reset();
}

void WindowEnergyLimit::setMaxMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING
{
    maxMeanSquare = meanSquare;
    // A hair under the limit absorbs the rounding of the last sample that limit() shrinks (its
    // square may come out a little over the room left) and the float samples' rounding.
    const double counts =
        meanSquare * static_cast<double>(window) * (1.0 - 1e-6) / EnergyHistory::quantum;
    budget = static_cast<std::int64_t>(std::clamp(counts, 0.0, 0x1p62));
}

void WindowEnergyLimit::reset() noexcept DRAGOMAN_NONBLOCKING
{
    energies.clear();
    proposed = 0;
}

float WindowEnergyLimit::limit(float y) noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t now = energies.frames();
    // The room left by the newest window - 1 outputs for this one.
    const std::int64_t room =
        budget - static_cast<std::int64_t>(energies.sum(now - window + 1, now));
    if (static_cast<std::int64_t>(EnergyHistory::counts(y)) > room)
        y = room > 0 ? std::copysign(static_cast<float>(std::sqrt(static_cast<double>(room) *
                                                                  EnergyHistory::quantum)),
                                     y)
                     : 0.0f;
    energies.append(y);
    return y;
}

double WindowEnergyLimit::affordableGiven(const std::array<std::uint64_t, 3>& kept) const noexcept
    DRAGOMAN_NONBLOCKING
{
    // Over the next h outputs, the window keeps its newest (window - h) and may take h new ones.
    double affordable = maxMeanSquare;
    for (std::size_t i = 0; i < horizons.size(); ++i)
        affordable =
            std::min(affordable, static_cast<double>(budget - static_cast<std::int64_t>(kept[i])) *
                                     perFrame[i]);
    return std::max(affordable, 0.0);
}

double WindowEnergyLimit::affordableMeanSquare() const noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t now = energies.frames();
    std::array<std::uint64_t, 3> kept{};
    for (std::size_t i = 0; i < horizons.size(); ++i)
        kept[i] = energies.sum(now - window + horizons[i], now);
    return affordableGiven(kept);
}

void WindowEnergyLimit::propose(const float* y, int n) noexcept DRAGOMAN_NONBLOCKING
{
    std::uint64_t total = 0;
#pragma omp simd reduction(+ : total)
    for (int i = 0; i < n; ++i)
        total += EnergyHistory::counts(y[i]);
    proposed = total;
}

void WindowEnergyLimit::proposeCopy(const EnergyHistory& input, std::int64_t from,
                                    int n) noexcept DRAGOMAN_NONBLOCKING
{
    proposed = input.sum(from, from + n);
}

bool WindowEnergyLimit::proposalFits() const noexcept DRAGOMAN_NONBLOCKING
{
    // Energies are never negative: every window that ends in the chunk sums to at most the span
    // from the first one's start (or earlier) to the chunk's end.
    const std::int64_t now = energies.frames();
    return static_cast<std::int64_t>(energies.sumFromMark(now + 1 - window, now) + proposed) <=
           budget;
}

double WindowEnergyLimit::affordableFloor() const noexcept DRAGOMAN_NONBLOCKING
{
    // Before any sample of the chunk, the newest (window - h) outputs lie within
    // [now - window + h, end of the chunk): their sum is at most that of the whole span (or a
    // longer one), and affordableGiven() only falls as `kept` grows.
    const std::int64_t now = energies.frames();
    std::array<std::uint64_t, 3> kept{};
    for (std::size_t i = 0; i < horizons.size(); ++i)
        kept[i] = energies.sumFromMark(now - window + horizons[i], now) + proposed;
    return affordableGiven(kept);
}

void WindowEnergyLimit::accept(const float* y, int n) noexcept DRAGOMAN_NONBLOCKING
{
    energies.append(y, n);
}

void WindowEnergyLimit::acceptCopy(const EnergyHistory& input, std::int64_t from,
                                   int n) noexcept DRAGOMAN_NONBLOCKING
{
    energies.writeCopy(input, from, n);
    energies.commit(n);
}

} // namespace dragoman
