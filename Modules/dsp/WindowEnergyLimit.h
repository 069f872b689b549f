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
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio thread.

#include "core/Realtime.h"

#include <array>
#include <vector>

namespace dragoman
{

class WindowEnergyLimit
{
public:
    void prepare(int windowFrames);
    void setMaxMeanSquare(double meanSquare) noexcept DRAGOMAN_NONBLOCKING;
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    // Returns the sample as it may be output (same sign, possibly smaller) and counts it in.
    float limit(float y) noexcept DRAGOMAN_NONBLOCKING;
    // The mean square the next outputs may have without overspending any window.
    double affordableMeanSquare() const noexcept DRAGOMAN_NONBLOCKING;

private:
    void resum() noexcept DRAGOMAN_NONBLOCKING;

    std::vector<double> energies; // ring of the last window of output energies
    std::size_t oldest = 0;       // ring position of the energy that leaves next
    double total = 0.0;
    // Energies of the oldest horizons[i] outputs: what leaves the window over that horizon.
    std::array<std::size_t, 3> horizons{};
    std::array<double, 3> leaving{};
    std::array<double, 3> perFrame{}; // 1 / horizons[i]
    double budget = 0.0;
    double maxMeanSquare = 0.0;
};

} // namespace dragoman
