#pragma once
// The exact backstop of stage (b): no window of `windowFrames` output samples holds more energy
// than the limit, whatever the smooth gain did.
//
// It keeps the energies of the last window of outputs. limit() shrinks the next sample just
// enough to fit the room left, if it must: exact, but crude (once the room is used up, the output
// can only be as loud as what leaves the window). So it also tells the smooth gain, through
// affordableMeanSquare(), how loud the output may be over the next 12.5, 25 and 50 ms given what
// will leave the window by then; heeding that turns an overspent window into a short fade rather
// than a dropout. The smooth gain aims under the limit, so neither acts on ordinary loud sound:
// only on steep crescendos, which outrun the smooth gain's level detector.
//
// Energies are kept in EnergyHistory counts (rounded up, so the limit holds in fact), so what a
// chunk of outputs would do can be judged before it is played: propose() a chunk, and if
// proposalFits(), limit() would pass every sample unchanged; affordableFloor() bounds what
// affordableMeanSquare() would say at each of them. Both need only the chunk's total energy.
//
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio thread.

#include "core/Realtime.h"
#include "dsp/EnergyHistory.h"

#include <array>
#include <cstdint>

namespace dragoman
{

class WindowEnergyLimit
{
public:
    // windowFrames up to EnergyHistory::maxWindowFrames; chunks of up to maxChunk frames.
    void prepare(int windowFrames, int maxChunk);
    void setMaxMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING;
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    // Returns the sample as it may be output (same sign, possibly smaller) and counts it in.
    float limit(float y) noexcept DRAGOMAN_NONBLOCKING;
    // The mean square the next outputs may have without overspending any window.
    double affordableMeanSquare() const noexcept DRAGOMAN_NONBLOCKING;

    // A chunk of outputs as they would be without the backstop; the bounds below hold for any
    // outputs no louder, sample by sample, until the next propose().
    void propose(const float* y, int n) noexcept DRAGOMAN_NONBLOCKING;
    // The same, for outputs that repeat frames [from, from + n) of `input`.
    void proposeCopy(const EnergyHistory& input, std::int64_t from,
                     int n) noexcept DRAGOMAN_NONBLOCKING;
    // No window that ends in the proposed chunk overflows: limit() would change nothing.
    bool proposalFits() const noexcept DRAGOMAN_NONBLOCKING;
    // At most what affordableMeanSquare() would return before any sample of the proposed chunk.
    double affordableFloor() const noexcept DRAGOMAN_NONBLOCKING;
    // Counts in a chunk of outputs that limit() would have passed unchanged (proposalFits()
    // held for them, or for a proposal at least as loud).
    void accept(const float* y, int n) noexcept DRAGOMAN_NONBLOCKING;
    void acceptCopy(const EnergyHistory& input, std::int64_t from,
                    int n) noexcept DRAGOMAN_NONBLOCKING;

    double maxMeanSquareLimit() const noexcept DRAGOMAN_NONBLOCKING { return maxMeanSquare; }
    // The outputs so far, for readers of their energy (the exposure meter).
    const EnergyHistory& outputs() const noexcept DRAGOMAN_NONBLOCKING { return energies; }

private:
    // affordableMeanSquare() if the newest `windowFrames - horizons[i]` outputs held kept[i].
    double
    affordableGiven(const std::array<std::uint64_t, 3>& kept) const noexcept DRAGOMAN_NONBLOCKING;

    EnergyHistory energies;
    std::int64_t window = 8;
    std::uint64_t proposed = 0; // counts of the proposed chunk
    // Over the next horizons[i] outputs, the oldest horizons[i] of the window leave it.
    std::array<std::int64_t, 3> horizons{};
    std::array<double, 3> perFrame{}; // mean square per count over horizons[i]
    std::int64_t budget = 0;          // in counts
    double maxMeanSquare = 0.0;
};

} // namespace dragoman
