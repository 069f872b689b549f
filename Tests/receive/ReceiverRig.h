#pragma once
// Drives a ReceiverPipeline the way an audio callback would: before each pull, every datagram
// that has arrived by then is pushed; pulls come in blocks of a fixed or seeded-random size on
// the receiver's own 48 kHz clock. Also the measurements the tests make on the output.

#include "SimulatedNetwork.h"
#include "receive/ReceiverPipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace dragoman::test
{

struct Datagrams
{
    std::vector<std::vector<std::uint8_t>> packets; // by packet number
    std::vector<Arrival> arrivals;                  // sorted by time
};

struct PullRecord
{
    double seconds = 0.0;
    ReceiverStats stats;
};

struct RigSettings
{
    double seconds = 30.0;
    int blockFrames = 64;      // fixed block size ...
    bool randomBlocks = false; // ... or sizes 1 .. 2 * blockFrames from a seeded generator
    std::uint64_t seed = 5;
    Nanoseconds clockOffset{0}; // the receiver's clock reading at its first pull
};

// Runs the pipeline; `beforePull(now)` may push extra datagrams (bad input). Returns the output;
// `records` (if given) gets the statistics after every pull.
inline std::vector<float> runReceiver(ReceiverPipeline& receiver, const Datagrams& in,
                                      const RigSettings& settings,
                                      std::vector<PullRecord>* records = nullptr,
                                      const std::function<void(Nanoseconds)>& beforePull = {})
{
    const auto total = static_cast<std::int64_t>(settings.seconds * receiveSampleRate);
    std::vector<float> out(static_cast<std::size_t>(total));
    std::mt19937 rng(static_cast<std::uint32_t>(settings.seed));
    std::uniform_int_distribution<int> size(1, 2 * settings.blockFrames);
    std::size_t next = 0;
    std::int64_t position = 0;
    while (position < total)
    {
        const Nanoseconds now =
            settings.clockOffset + Nanoseconds(position * 1'000'000'000LL / receiveSampleRate);
        while (next < in.arrivals.size() && in.arrivals[next].time <= now)
        {
            const auto& d = in.packets[static_cast<std::size_t>(in.arrivals[next].index)];
            receiver.push(d, in.arrivals[next].time);
            ++next;
        }
        if (beforePull)
            beforePull(now);
        const int block = static_cast<int>(std::min<std::int64_t>(
            settings.randomBlocks ? size(rng) : settings.blockFrames, total - position));
        receiver.pull(out.data() + position, block, now);
        position += block;
        if (records)
            records->push_back({toSeconds(now), receiver.stats()});
    }
    return out;
}

// Longest run of exact zeros in out[from ...], in samples.
inline std::int64_t longestZeroRun(const std::vector<float>& out, std::size_t from)
{
    std::int64_t longest = 0;
    std::int64_t run = 0;
    for (std::size_t i = from; i < out.size(); ++i)
    {
        run = out[i] == 0.0f ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// Normalised correlation of out[at .. at+n) with in[at-lag .. at-lag+n).
inline double correlationAt(const std::vector<float>& in, const std::vector<float>& out,
                            std::size_t at, std::size_t n, std::size_t lag)
{
    double xy = 0.0;
    double xx = 0.0;
    double yy = 0.0;
    for (std::size_t i = 0; i < n; ++i)
    {
        const double x = in[at - lag + i];
        const double y = out[at + i];
        xy += x * y;
        xx += x * x;
        yy += y * y;
    }
    return xx > 0.0 && yy > 0.0 ? xy / std::sqrt(xx * yy) : 0.0;
}

struct LagSearch
{
    std::size_t lag = 0;
    double correlation = -1.0;
};

inline LagSearch bestLag(const std::vector<float>& in, const std::vector<float>& out,
                         std::size_t at, std::size_t n, std::size_t lowest, std::size_t highest)
{
    LagSearch best;
    for (std::size_t lag = lowest; lag <= highest && lag <= at; ++lag)
    {
        const double c = correlationAt(in, out, at, n, lag);
        if (c > best.correlation)
            best = {lag, c};
    }
    return best;
}

// Correlation of the output with the input in 20 ms windows from `from` on, each at its best
// lag near the previous one: the delay glides while the buffer adapts (a chirp decorrelates
// after a few samples of misalignment) and jumps by a frame when it grows; a window that finds
// no match nearby searches the whole range again.
inline std::vector<LagSearch> windowedCorrelation(const std::vector<float>& in,
                                                  const std::vector<float>& out, double fromSeconds)
{
    const std::size_t window = receiveSampleRate / 50;
    const std::size_t widest = receiveSampleRate / 5;
    auto at = static_cast<std::size_t>(fromSeconds * receiveSampleRate);
    std::size_t lag = bestLag(in, out, at, 4 * window, 0, widest).lag;
    std::vector<LagSearch> found;
    for (; at + window <= out.size() && at + window <= in.size() + lag; at += window)
    {
        LagSearch w = bestLag(in, out, at, window, lag > 48 ? lag - 48 : 0, lag + 48);
        if (w.correlation < 0.7)
        {
            const LagSearch wide = bestLag(in, out, at, window, 0, widest);
            if (wide.correlation > w.correlation)
                w = wide;
        }
        found.push_back(w);
        lag = w.lag;
    }
    return found;
}

// The fraction of windows whose correlation is at least `threshold`.
inline double fractionAbove(const std::vector<LagSearch>& windows, double threshold)
{
    std::size_t n = 0;
    for (const auto& w : windows)
        n += w.correlation >= threshold ? 1 : 0;
    return windows.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(windows.size());
}

} // namespace dragoman::test
