// The rules of the `network:` section: addresses that a socket can use, Opus settings that
// libopus accepts, and destinations only for channels that exist.

#include "core/SessionValidator.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace dragoman
{

namespace
{

std::optional<std::uint32_t> ipv4(const std::string& text)
{
    in_addr address{};
    if (inet_pton(AF_INET, text.c_str(), &address) != 1)
        return std::nullopt;
    return ntohl(address.s_addr);
}

bool isMulticast(std::uint32_t address)
{
    return (address >> 28) == 0xE; // 224.0.0.0/4
}

std::string quoted(const std::string& text)
{
    return "'" + text + "'";
}

std::optional<Error> checkOpus(const OpusSettings& opus, const SessionSource& source)
{
    constexpr std::array<int, 4> frames{2500, 5000, 10000, 20000};
    if (std::find(frames.begin(), frames.end(), opus.frameMicroseconds) == frames.end())
        return source.refuse("network.opus.frame_ms", "must be 2.5, 5, 10 or 20");
    if (opus.bitrate < 6000 || opus.bitrate > 510000)
        return source.refuse("network.opus.bitrate", "must be 6000..510000 bits/s");
    if (opus.complexity < 0 || opus.complexity > 10)
        return source.refuse("network.opus.complexity", "must be 0..10");
    if (opus.expectedLossPercent < 0 || opus.expectedLossPercent > 100)
        return source.refuse("network.opus.expected_loss", "must be 0..100 (percent)");
    return std::nullopt;
}

std::optional<Error> checkChannels(const Session& session, const NetworkSpec& network,
                                   const SessionSource& source)
{
    std::vector<std::string> groups;
    for (const auto& destinations : network.channels)
    {
        const std::string path = "network.channels." + destinations.channel;
        const bool known = destinations.channel == "floor" ||
                           std::any_of(session.channels.begin(), session.channels.end(),
                                       [&](const ChannelSpec& channel)
                                       { return channel.id == destinations.channel; });
        if (!known)
            return source.refuse(path, "unknown channel " + quoted(destinations.channel) +
                                           " (floor or a channel id)");
        if (!destinations.multicast && destinations.unicast.empty())
            return source.refuse(path, "has no destination (give multicast, unicast, or "
                                       "network.default_multicast_base)");
        if (const auto& group = destinations.multicast)
        {
            const auto address = ipv4(group->address);
            if (!address || !isMulticast(*address))
                return source.refuse(path + ".multicast",
                                     quoted(group->address) +
                                         " is not an IPv4 multicast group (224.0.0.0/4)");
            const std::string key = group->address + ":" + std::to_string(group->port);
            if (std::find(groups.begin(), groups.end(), key) != groups.end())
                return source.refuse(path + ".multicast",
                                     key + " is already another channel's group: delegates "
                                           "would hear two languages at once");
            groups.push_back(key);
        }
        for (std::size_t i = 0; i < destinations.unicast.size(); ++i)
        {
            const auto address = ipv4(destinations.unicast[i].address);
            if (!address || isMulticast(*address))
                return source.refuse(path + ".unicast[" + std::to_string(i) + "]",
                                     quoted(destinations.unicast[i].address) +
                                         " is not an IPv4 unicast address");
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Error> validateNetwork(const Session& session, const SessionSource& source)
{
    if (!session.network)
        return std::nullopt;
    const NetworkSpec& network = *session.network;
    const auto interface = ipv4(network.interface);
    if (!interface || isMulticast(*interface))
        return source.refuse("network.interface",
                             quoted(network.interface) +
                                 " is not an IPv4 interface address (e.g. 127.0.0.1)");
    if (network.ttl < 0 || network.ttl > 255)
        return source.refuse("network.ttl", "must be 0..255");
    if (const auto& base = network.multicastBase)
        if (const auto address = ipv4(base->address); !address || !isMulticast(*address))
            return source.refuse("network.default_multicast_base",
                                 quoted(base->address) + " is not an IPv4 multicast group");
    if (auto error = checkOpus(network.opus, source))
        return error;
    const auto sap = ipv4(network.sap.address);
    if (!sap || !isMulticast(*sap))
        return source.refuse("network.sap.address",
                             quoted(network.sap.address) + " is not an IPv4 multicast group");
    if (!(network.sap.intervalSeconds >= 0.1 && network.sap.intervalSeconds <= 3600.0))
        return source.refuse("network.sap.interval_s", "must be 0.1..3600 seconds");
    return checkChannels(session, network, source);
}

} // namespace dragoman
