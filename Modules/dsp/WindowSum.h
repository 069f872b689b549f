#pragma once
// Sum of the last `length` values pushed: sliding-window energies and moving averages.
//
// Threads: prepare() allocates, so it runs on the control thread before audio starts. clear(),
// push() and the getters never allocate; they belong to the thread that owns the DSP block that
// uses this window (normally the audio thread).

#include "core/Realtime.h"

#include <algorithm>
#include <vector>

namespace dragoman
{

class WindowSum
{
public:
    void prepare(int length)
    {
        values.assign(static_cast<std::size_t>(std::max(length, 1)), 0.0);
        clear();
    }

    void clear() noexcept DRAGOMAN_NONBLOCKING
    {
        std::fill(values.begin(), values.end(), 0.0);
        total = 0.0;
        lap = 0.0;
        pos = 0;
        count = 0;
    }

    // Every slot holds `value` and the window counts as full: e.g. a moving average of gains
    // that starts at 1 rather than ramping up from 0.
    void fill(double value) noexcept DRAGOMAN_NONBLOCKING
    {
        std::fill(values.begin(), values.end(), value);
        total = value * static_cast<double>(values.size());
        lap = 0.0;
        pos = 0;
        count = values.size();
    }

    void push(double value) noexcept DRAGOMAN_NONBLOCKING
    {
        total += value - values[pos];
        lap += value;
        values[pos] = value;
        if (count < values.size())
            ++count;
        if (++pos == values.size())
        {
            // A running sum drifts with rounding; starting afresh once per lap bounds that. At the
            // end of a lap, `lap` has added the window's values in slot order, from zero: exactly
            // what re-adding them here would give, without a loop over the window in one block.
            pos = 0;
            total = lap;
            lap = 0.0;
        }
    }

    // Never negative: cancellation in the running sum may leave -1e-17 after loud values leave.
    double sum() const noexcept DRAGOMAN_NONBLOCKING { return total > 0.0 ? total : 0.0; }
    // The value that the next push() drops out of the window (0 until the window is full).
    double oldest() const noexcept DRAGOMAN_NONBLOCKING { return values[pos]; }
    int length() const noexcept DRAGOMAN_NONBLOCKING { return static_cast<int>(values.size()); }
    // How many values the window holds: less than length() during the first lap.
    int filled() const noexcept DRAGOMAN_NONBLOCKING { return static_cast<int>(count); }

private:
    std::vector<double> values = std::vector<double>(1, 0.0);
    double total = 0.0;
    double lap = 0.0; // the values pushed since pos was last 0
    std::size_t pos = 0;
    std::size_t count = 0;
};

} // namespace dragoman
