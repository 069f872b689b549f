#pragma once
// One direction of a remote seat, receiving end: RTP/Opus datagrams queued by the network thread
// (RtpInbox) are handed to a ReceiverPipeline at the start of each audio block, which plays them
// out through its adaptive jitter buffer, FEC/PLC and drift resampler, exactly as `dragoman
// receive` does. The audio thread also publishes a statistics snapshot about twice a second.
//
// Threads: construction allocates (control thread). inbox(): the network thread's push side.
// pull(): the audio thread only; never allocates, locks or makes a system call. latestStats():
// one control thread (the snapshot queue's consumer).

#include "core/Realtime.h"
#include "core/SpscQueue.h"
#include "receive/Datagram.h"
#include "receive/ReceiverPipeline.h"

#include <atomic>
#include <cstdint>
#include <optional>

namespace dragoman
{

class SeatReceiver
{
public:
    // Room for ~160 ms of 10 ms frames after a stalled audio thread, or a burst.
    static constexpr std::size_t inboxCapacity = 256;

    SeatReceiver();

    SpscQueue<Datagram>& inbox() noexcept { return queue; }
    void noteDropped() noexcept { dropped.fetch_add(1, std::memory_order_relaxed); }
    std::uint64_t droppedDatagrams() const noexcept
    {
        return dropped.load(std::memory_order_relaxed);
    }

    // Feeds every queued datagram to the pipeline, then writes exactly `frames` samples.
    // `now`: steady_clock time, the clock RtpInbox stamps arrivals with.
    void pull(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    // The most recent snapshot the audio thread published, if any since the last call.
    std::optional<ReceiverStats> latestStats();

private:
    ReceiverPipeline pipeline;
    SpscQueue<Datagram> queue;
    SpscQueue<ReceiverStats> snapshots;
    Nanoseconds nextSnapshot{0};
    std::atomic<std::uint64_t> dropped{0};
};

} // namespace dragoman
