#include "EngineRemoteSeats.h"

#include <algorithm>
#include <cstdio>

namespace dragoman::cli
{

Result<std::unique_ptr<RemoteSeatLink>>
startRemoteSeats(const Engine& engine, PortAudioDriver& driver, const Session& session)
{
    auto opened =
        RemoteSeatLink::open(engine.floorplan(), std::max(driver.inputFiles().maxBlock(), 1),
                             session.network ? session.network->interface : "127.0.0.1");
    if (!opened)
        return Error{opened.error()};
    std::unique_ptr<RemoteSeatLink> link = std::move(opened.value());
    if (link->empty())
        return std::unique_ptr<RemoteSeatLink>();
    if (auto error = driver.attachRemoteSeats(*link))
        return *error;
    for (const auto& booth : session.booths)
        for (const auto& seat : booth.seats)
            if (seat.remote)
                std::printf("remote seat %s: microphone on %s:%u, headphones to %s:%u\n",
                            seat.id.c_str(), seat.remote->listen.address.c_str(),
                            seat.remote->listen.port, seat.remote->sendTo.address.c_str(),
                            seat.remote->sendTo.port);
    std::fflush(stdout);
    link->start();
    return link;
}

void printRemoteSeats(RemoteSeatLink& link)
{
    for (const auto& stats : link.stats())
    {
        const auto mic = stats.microphone.value_or(ReceiverStats{});
        std::printf("remote seat %s: microphone %llu packets, %llu lost, %llu concealed, "
                    "buffer %.1f ms; headphones %llu packets, %llu overruns, %llu send errors\n",
                    stats.seat.c_str(), static_cast<unsigned long long>(mic.received),
                    static_cast<unsigned long long>(mic.lost),
                    static_cast<unsigned long long>(mic.concealed), mic.bufferDelayMs,
                    static_cast<unsigned long long>(stats.feedPackets),
                    static_cast<unsigned long long>(stats.feedOverruns),
                    static_cast<unsigned long long>(stats.feedSendErrors));
    }
}

} // namespace dragoman::cli
