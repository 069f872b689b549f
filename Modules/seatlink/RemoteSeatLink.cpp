#include "seatlink/RemoteSeatLink.h"

#include "seatlink/SeatCodec.h"

#include <unistd.h>

namespace dragoman
{

namespace
{

// Half a second of audio: the encoder thread polls every 0.5 ms, so only a stalled thread fills it.
constexpr std::size_t kRingSamples = 24000;

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "dragoman";
    return name;
}

} // namespace

Result<std::unique_ptr<RemoteSeatLink>> RemoteSeatLink::open(const Floorplan& plan, int maxBlock,
                                                             const std::string& interfaceAddress)
{
    std::unique_ptr<RemoteSeatLink> link(new RemoteSeatLink());
    link->blockFrames = maxBlock;
    link->slotOf.assign(static_cast<std::size_t>(plan.seatCount()), -1);
    std::vector<const RemoteSeatSpec*> specs;
    for (const auto& booth : plan.session().booths)
        for (const auto& spec : booth.seats)
        {
            if (!spec.remote)
                continue;
            const auto index = plan.seatIndex(spec.id);
            if (!index)
                return Error{"remote seat '" + spec.id + "' is not in the floor plan"};
            Seat seat;
            seat.index = static_cast<std::size_t>(*index);
            seat.id = spec.id;
            seat.receiver = std::make_unique<SeatReceiver>();
            seat.mic.assign(static_cast<std::size_t>(maxBlock), 0.0f);
            seat.feed.assign(static_cast<std::size_t>(maxBlock), 0.0f);
            seat.ring = std::make_unique<AudioRing>(kRingSamples);
            link->slotOf[seat.index] = static_cast<int>(link->seats.size());
            link->seats.push_back(std::move(seat));
            specs.push_back(&*spec.remote);
        }
    // Every seat's blocks and receivers are in place (no more reallocation): now hand out
    // references to them.
    const std::string host = hostName();
    for (std::size_t i = 0; i < link->seats.size(); ++i)
    {
        Seat& seat = link->seats[i];
        const RemoteSeatSpec& remote = *specs[i];
        if (auto error =
                link->inbox.listen(remote.listen.address, remote.listen.port, *seat.receiver))
            return Error{"remote seat " + seat.id + ": listen: " + error->message};
        if (auto error =
                link->streamer.add(*seat.ring, remote.sendTo, remoteSeatOpus(), interfaceAddress,
                                   "dragoman-seat-" + seat.id + "@" + host))
            return Error{"remote seat " + seat.id + ": send_to: " + error->message};
    }
    return link;
}

RemoteSeatLink::~RemoteSeatLink()
{
    stop();
}

void RemoteSeatLink::start()
{
    if (seats.empty())
        return;
    inbox.start();
    streamer.start();
}

void RemoteSeatLink::stop()
{
    inbox.stop();
    streamer.stop();
}

void RemoteSeatLink::receive(int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    for (auto& seat : seats)
        seat.receiver->pull(seat.mic.data(), frames, now);
}

void RemoteSeatLink::send(const float* const* seatOuts, int frames) noexcept DRAGOMAN_NONBLOCKING
{
    for (auto& seat : seats)
        if (const float* block = seatOuts[seat.index])
            seat.ring->write(block, static_cast<std::size_t>(frames));
}

std::vector<RemoteSeatStats> RemoteSeatLink::stats()
{
    std::vector<RemoteSeatStats> result;
    for (std::size_t i = 0; i < seats.size(); ++i)
    {
        Seat& seat = seats[i];
        if (auto latest = seat.receiver->latestStats())
            seat.lastStats = latest;
        RemoteSeatStats stats;
        stats.seat = seat.id;
        stats.inboxDrops = seat.receiver->droppedDatagrams();
        stats.microphone = seat.lastStats;
        stats.datagrams = seat.lastStats ? seat.lastStats->received : 0;
        const auto& sent = streamer.counters(i);
        stats.feedPackets = sent.packets.load(std::memory_order_relaxed);
        stats.feedSendErrors = sent.sendErrors.load(std::memory_order_relaxed);
        stats.feedOverruns = seat.ring->overrunCount();
        result.push_back(std::move(stats));
    }
    return result;
}

} // namespace dragoman
