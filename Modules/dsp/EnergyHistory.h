#pragma once
// The energies (squares) of the last samples of a signal, kept as running totals in whole counts
// of a tiny quantum, so that the energy of any recent stretch is one subtraction: exact, and the
// same whether the samples came one by one or in blocks. The hearing-protection limiter's windows
// (SustainedLevelGain, WindowEnergyLimit, ExposureMeter) read their sums here.
//
// Why integers: a running sum in double drifts with rounding and must be re-added from scratch
// once per lap (a 4800-term loop that lands in one block, on every seat at once); and its value
// at a given sample depends on the order of the additions, so a block-wise shortcut could not
// reproduce a sample-wise computation bit for bit. Integer sums are exact, in any order.
//
// Each energy counts rounded up, so a sum of counts never understates the true energy: the
// limiter's "no window above the limit" holds in counts, hence in fact. Energies above
// maxEnergy (a sample beyond +30 dBFS) count as maxEnergy, which keeps the sum of any window of
// up to maxWindowFrames samples (0.34 s even at 96 kHz) below 2^63 counts.
//
// Threads: prepare() allocates: control thread, before audio starts. The rest belongs to the
// thread that runs the owning DSP block (the audio thread).

#include "core/Realtime.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace dragoman
{

class EnergyHistory
{
public:
    static constexpr double quantum = 0x1p-38;    // energy of one count (about -114 dB)
    static constexpr double maxEnergy = 0x1p10;   // |x| = 32: no real signal comes near
    static constexpr int maxWindowFrames = 32767; // 2^48 counts each: a window's sum fits 63 bits

    // The energy x*x in counts, rounded up (by at most one count); non-finite samples count as
    // maxEnergy.
    static std::uint64_t counts(float x) noexcept DRAGOMAN_NONBLOCKING
    {
        constexpr double perEnergy = 1.0 / quantum;
        // |x|, at most sqrt(maxEnergy) = 32 (NaN and infinities too), compared as bits: the bits
        // of non-negative floats sort like their values, and an integer comparison vectorises
        // where GCC keeps a float one as a branch (it might trap).
        constexpr std::uint32_t maxMagnitude = 0x42000000; // 32.0f
        std::uint32_t bits = std::bit_cast<std::uint32_t>(x) & 0x7fffffffu;
        bits = bits < maxMagnitude ? bits : maxMagnitude;
        const auto m = static_cast<double>(std::bit_cast<float>(bits));
        const double v = m * m * perEnergy; // exact (a 48-bit product), and at most 2^48
        // v + 0.5 is exact below 2^51, and adding 2^52 rounds it to an integer held in the low
        // mantissa bits: round(v + 0.5) >= v. Branch-free, so that loops over blocks vectorise.
        const double rounded = (v + 0.5) + 0x1p52;
        return std::bit_cast<std::uint64_t>(rounded) - std::bit_cast<std::uint64_t>(0x1p52);
    }

    // Sums of up to `longestWindow` frames, looked up while up to `maxChunk` frames are pending.
    void prepare(int longestWindow, int maxChunk);
    void clear() noexcept DRAGOMAN_NONBLOCKING;

    // Frames counted since clear(). Frames before that count as silence.
    std::int64_t frames() const noexcept DRAGOMAN_NONBLOCKING { return now; }
    // Counts of frames [0, k): valid for k from frames() - longestWindow to the last one written.
    std::uint64_t before(std::int64_t k) const noexcept DRAGOMAN_NONBLOCKING
    {
        return totals[slot(k)];
    }
    // Counts of frames [from, to).
    std::uint64_t sum(std::int64_t from, std::int64_t to) const noexcept DRAGOMAN_NONBLOCKING
    {
        return before(to) - before(from);
    }
    // At least sum(from, to): it may start up to markFrames - 1 frames earlier. For bounds over
    // long windows: it reads only a small ring of checkpoints for `from`, which stays in cache,
    // where before(from) would read a line last touched a whole window ago.
    std::uint64_t sumFromMark(std::int64_t from,
                              std::int64_t to) const noexcept DRAGOMAN_NONBLOCKING
    {
        // >> rounds toward minus infinity, also for frames before the first.
        return before(to) - marks[static_cast<std::uint64_t>(from >> markShift) & markMask];
    }

    // out[i] = before(from + i) for i = 0 .. n-1: the totals at n successive frames.
    void copyTotals(std::int64_t from, int n,
                    std::uint64_t* out) const noexcept DRAGOMAN_NONBLOCKING;

    void append(float x) noexcept DRAGOMAN_NONBLOCKING
    {
        const std::uint64_t total = totals[nowSlot] + counts(x);
        commit(1);
        totals[nowSlot] = total;
        if ((now & (markFrames - 1)) == 0)
            marks[static_cast<std::uint64_t>(now >> markShift) & markMask] = total;
    }
    void append(const float* x, int n) noexcept DRAGOMAN_NONBLOCKING
    {
        write(x, n);
        commit(n);
    }
    // Writes the running totals of the next n frames (at most maxChunk) without counting them
    // yet: sums reaching into them are valid until the next write or append. commit() keeps them.
    void write(const float* x, int n) noexcept DRAGOMAN_NONBLOCKING;
    // Like write(), for frames that repeat frames [from, from + n) of `source`, already counted
    // there: no sample is squared again.
    void writeCopy(const EnergyHistory& source, std::int64_t from,
                   int n) noexcept DRAGOMAN_NONBLOCKING;
    void commit(int n) noexcept DRAGOMAN_NONBLOCKING
    {
        now += n;
        nowSlot = wrapped(nowSlot + n);
    }

private:
    // The ring holds just the frames that are read (not a power of two: that would nearly double
    // it, and with it every seat's share of the cache), so a frame's slot is found from the
    // newest frame's: every frame read or written is less than a ring's length away from it.
    std::int64_t wrapped(std::int64_t at) const noexcept DRAGOMAN_NONBLOCKING
    {
        if (at < 0)
            return at + length;
        return at >= length ? at - length : at;
    }
    std::size_t slot(std::int64_t k) const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<std::size_t>(wrapped(nowSlot + (k - now)));
    }

    static constexpr int markShift = 6;
    static constexpr std::int64_t markFrames = std::int64_t{1} << markShift;

    // Copies the totals of the frames in (now, now + n] that are multiples of markFrames.
    void mark(int n) noexcept DRAGOMAN_NONBLOCKING;

    std::vector<std::uint64_t> totals = std::vector<std::uint64_t>(1, 0); // a ring, see slot()
    std::int64_t length = 1;                                              // of the ring
    std::int64_t nowSlot = 0;                                             // where before(now) is
    std::vector<std::uint64_t> marks = std::vector<std::uint64_t>(1, 0);  // before(k * markFrames)
    std::uint64_t markMask = 0;
    std::int64_t now = 0;
};

} // namespace dragoman
