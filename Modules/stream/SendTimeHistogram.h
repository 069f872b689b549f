#pragma once
// How long sending one frame to all of a stream's destinations took (the fan-out inside
// RtpStreamSender::sendFrame), in log-linear bins of four per octave from 1 us: a p99 read from
// it is within 19 %, and recording costs two clock reads and one relaxed increment per frame,
// not per destination. With a thousand unicast receivers the fan-out, not the encoder, is what
// grows; this is how a benchmark or a status view sees it.
//
// Threads: record() from the encoder thread only; counts() and the statics from any thread.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace dragoman
{

class SendTimeHistogram
{
public:
    static constexpr int kBins = 4 * 24; // 1 us .. 16 s
    using Counts = std::array<std::uint64_t, kBins>;

    void record(std::chrono::nanoseconds spent) noexcept;
    Counts counts() const noexcept;

    // The upper edge of `bin`, in microseconds.
    static double binUpperMicros(int bin) noexcept;
    // The upper edge of the bin holding the nearest-rank percentile `p` (0..1); 0 when empty.
    static double percentileMicros(const Counts& counts, double p) noexcept;

private:
    std::array<std::atomic<std::uint32_t>, kBins> bins{};
};

} // namespace dragoman
