#include "seatlink/SeatReceiver.h"

namespace dragoman
{

namespace
{
constexpr Nanoseconds snapshotPeriod{500'000'000};
}

SeatReceiver::SeatReceiver() : queue(inboxCapacity), snapshots(8) {}

void SeatReceiver::pull(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    Datagram datagram;
    while (queue.pop(datagram))
        pipeline.push(datagram.view(), datagram.arrival);
    pipeline.pull(out, frames, now);
    if (now >= nextSnapshot)
    {
        // A full snapshot queue means nobody reads them: the newest is simply not kept.
        (void)snapshots.push(pipeline.stats());
        nextSnapshot = now + snapshotPeriod;
    }
}

std::optional<ReceiverStats> SeatReceiver::latestStats()
{
    std::optional<ReceiverStats> latest;
    ReceiverStats stats;
    while (snapshots.pop(stats))
        latest = stats;
    return latest;
}

} // namespace dragoman
