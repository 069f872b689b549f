#include "dsp/EnergyHistory.h"

#include <algorithm>
#include <bit>

namespace dragoman
{

void EnergyHistory::prepare(int longestWindow, int maxChunk)
{
    // Looked up: totals from `longestWindow` frames before the pending chunk to its end.
    const auto span = static_cast<std::uint64_t>(std::max(longestWindow, 1)) +
                      static_cast<std::uint64_t>(std::max(maxChunk, 1)) + 2;
    totals.assign(span, 0);
    length = static_cast<std::int64_t>(span);
    marks.assign(std::bit_ceil(span / markFrames + 2), 0);
    markMask = marks.size() - 1;
    clear();
}

void EnergyHistory::clear() noexcept DRAGOMAN_NONBLOCKING
{
    // All zero: every frame before the first counts as silence, however far back it is read.
    std::fill(totals.begin(), totals.end(), 0);
    std::fill(marks.begin(), marks.end(), 0);
    now = 0;
    nowSlot = 0;
}

void EnergyHistory::write(const float* x, int n) noexcept DRAGOMAN_NONBLOCKING
{
    // Squaring is independent per sample and vectorises; the running total cannot, so the two
    // are separate loops over a small stack buffer. Both run over stretches that do not wrap
    // around the ring, so that no index needs masking.
    constexpr int stride = 64;
    std::uint64_t squares[stride];
    std::uint64_t total = totals[nowSlot];
    std::int64_t at = wrapped(nowSlot + 1);
    for (int done = 0; done < n;)
    {
        const int m = std::min(stride, n - done);
        const float* const in = x + done;
#pragma omp simd
        for (int i = 0; i < m; ++i)
            squares[i] = counts(in[i]);
        for (int i = 0; i < m;)
        {
            const int run = static_cast<int>(std::min<std::int64_t>(m - i, length - at));
            std::uint64_t* const out = totals.data() + at;
            for (int r = 0; r < run; ++r)
            {
                total += squares[i + r];
                out[r] = total;
            }
            i += run;
            at = wrapped(at + run);
        }
        done += m;
    }
    mark(n);
}

void EnergyHistory::writeCopy(const EnergyHistory& source, std::int64_t from,
                              int n) noexcept DRAGOMAN_NONBLOCKING
{
    // Modular arithmetic: the offset between the two running totals is all that matters.
    const std::uint64_t offset = totals[nowSlot] - source.before(from);
    std::int64_t at = wrapped(nowSlot + 1);
    auto sourceAt = static_cast<std::int64_t>(source.slot(from + 1));
    for (int done = 0; done < n;)
    {
        // A stretch that wraps around neither ring.
        const int run = static_cast<int>(
            std::min<std::int64_t>({n - done, length - at, source.length - sourceAt}));
        std::uint64_t* const out = totals.data() + at;
        const std::uint64_t* const in = source.totals.data() + sourceAt;
#pragma omp simd
        for (int r = 0; r < run; ++r)
            out[r] = in[r] + offset;
        done += run;
        at = wrapped(at + run);
        sourceAt = source.wrapped(sourceAt + run);
    }
    mark(n);
}

void EnergyHistory::copyTotals(std::int64_t from, int n,
                               std::uint64_t* out) const noexcept DRAGOMAN_NONBLOCKING
{
    auto at = static_cast<std::int64_t>(slot(from));
    for (int done = 0; done < n;)
    {
        const int run = static_cast<int>(std::min<std::int64_t>(n - done, length - at));
        std::copy_n(totals.begin() + at, run, out + done);
        done += run;
        at = wrapped(at + run);
    }
}

void EnergyHistory::mark(int n) noexcept DRAGOMAN_NONBLOCKING
{
    // The first multiple of markFrames after now, then every markFrames up to now + n.
    for (std::int64_t k = (now + markFrames) & ~(markFrames - 1); k <= now + n; k += markFrames)
        marks[static_cast<std::uint64_t>(k >> markShift) & markMask] = before(k);
}

} // namespace dragoman
