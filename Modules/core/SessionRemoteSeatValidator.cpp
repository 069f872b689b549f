// The UDP ports of remote seats. Each remote seat's `listen` is a socket the engine binds for the
// interpreter's microphone, with RTCP one port up; each `send_to` is where one interpreter's ears
// are. A port pair used twice would mix two interpreters' voices in one seat, two seats' feeds in
// one ear, or the engine's own stream into a microphone: refused here, naming both users, rather
// than found in the booth.
//
// The control API's ports are TCP: they share no port space with these UDP sockets, so a control
// port equal to a remote seat's port is no collision and is not refused.

#include "core/SessionValidator.h"

#include <arpa/inet.h>

#include <optional>
#include <string>
#include <vector>

namespace dragoman
{

namespace
{

// One UDP port pair (RTP P, RTCP P + 1) that the session gives to someone.
struct PortUse
{
    std::string who; // "seat ru-2", "channel en's stream"
    std::string key; // its key path, for the refusal's line
    StreamEndpoint endpoint;
};

bool isAnyAddress(const std::string& address)
{
    return address == "0.0.0.0";
}

bool isLoopback(const std::string& address)
{
    in_addr parsed{};
    return inet_pton(AF_INET, address.c_str(), &parsed) == 1 && (ntohl(parsed.s_addr) >> 24) == 127;
}

// Two pairs P, P + 1 overlap when their RTP ports are less than two apart.
bool pairsOverlap(std::uint16_t a, std::uint16_t b)
{
    return (a > b ? a - b : b - a) < 2;
}

// Two sockets bound by the engine: 0.0.0.0 takes the port on every address.
bool bindsCollide(const StreamEndpoint& a, const StreamEndpoint& b)
{
    return (a.address == b.address || isAnyAddress(a.address) || isAnyAddress(b.address)) &&
           pairsOverlap(a.port, b.port);
}

// The engine sends to `destination` and would receive its own packets on `bound`.
bool sendsIntoBind(const StreamEndpoint& destination, const StreamEndpoint& bound)
{
    return (destination.address == bound.address ||
            (isAnyAddress(bound.address) && isLoopback(destination.address))) &&
           pairsOverlap(destination.port, bound.port);
}

std::string text(const StreamEndpoint& endpoint)
{
    return endpoint.address + ":" + std::to_string(endpoint.port);
}

Error collision(const SessionSource& source, const PortUse& later, const PortUse& earlier,
                const std::string& why)
{
    std::string where = earlier.key;
    if (const int line = source.lineOf(where); line > 0)
        where += " on line " + std::to_string(line);
    return source.refuse(later.key, later.who + " uses " + text(later.endpoint) +
                                        ", which collides with " + earlier.who + " (" +
                                        text(earlier.endpoint) + ", " + where + "): " + why);
}

struct RemotePorts
{
    std::vector<PortUse> listens;
    std::vector<PortUse> sendTos;
};

RemotePorts remotePorts(const Session& session)
{
    RemotePorts ports;
    for (std::size_t b = 0; b < session.booths.size(); ++b)
        for (std::size_t s = 0; s < session.booths[b].seats.size(); ++s)
        {
            const SeatSpec& seat = session.booths[b].seats[s];
            if (!seat.remote)
                continue;
            const std::string path =
                "booths[" + std::to_string(b) + "].seats[" + std::to_string(s) + "].remote";
            ports.listens.push_back({"seat " + seat.id, path + ".listen", seat.remote->listen});
            ports.sendTos.push_back({"seat " + seat.id, path + ".send_to", seat.remote->sendTo});
        }
    return ports;
}

// Everything the engine sends to over UDP: channel streams (unicast; a multicast group never
// reaches a unicast bind) and remote seats' feeds.
std::vector<PortUse> destinations(const Session& session, const RemotePorts& remote)
{
    std::vector<PortUse> all;
    if (session.network)
        for (const auto& channel : session.network->channels)
            for (std::size_t i = 0; i < channel.unicast.size(); ++i)
                all.push_back(
                    {"channel " + channel.channel + "'s stream",
                     "network.channels." + channel.channel + ".unicast[" + std::to_string(i) + "]",
                     channel.unicast[i]});
    for (const auto& use : remote.sendTos)
        all.push_back({use.who + "'s feed", use.key, use.endpoint});
    return all;
}

} // namespace

std::optional<Error> validateRemoteSeatPorts(const Session& session, const SessionSource& source)
{
    const RemotePorts remote = remotePorts(session);
    for (std::size_t i = 0; i < remote.listens.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (bindsCollide(remote.listens[i].endpoint, remote.listens[j].endpoint))
                return collision(source, remote.listens[i], remote.listens[j],
                                 "each remote seat's microphone needs its own RTP port and the "
                                 "RTCP port above it");
    for (std::size_t i = 0; i < remote.sendTos.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (remote.sendTos[i].endpoint.address == remote.sendTos[j].endpoint.address &&
                pairsOverlap(remote.sendTos[i].endpoint.port, remote.sendTos[j].endpoint.port))
                return collision(source, remote.sendTos[i], remote.sendTos[j],
                                 "one interpreter's ears would get two seats' feeds");
    for (const auto& listen : remote.listens)
        for (const auto& destination : destinations(session, remote))
            if (sendsIntoBind(destination.endpoint, listen.endpoint))
                return collision(source, listen, destination,
                                 "the engine would hear its own packets as this seat's "
                                 "microphone");
    return std::nullopt;
}

} // namespace dragoman
