#include "stream/ChannelSdp.h"

#include <fstream>
#include <optional>

namespace dragoman
{

SdpDescription channelSdp(const NetworkSpec& network, const ChannelDestinations& destinations,
                          const StreamIdentity& identity, const std::string& meeting,
                          std::uint64_t sessionId)
{
    SdpDescription sdp;
    sdp.origin.sessionId = sessionId;
    sdp.origin.sessionVersion = 1;
    sdp.origin.address = network.interface;
    sdp.sessionName = identity.name.empty() ? identity.channelId : identity.name;
    sdp.information = meeting;
    if (destinations.multicast)
    {
        sdp.connectionAddress = destinations.multicast->address;
        sdp.ttl = network.ttl > 0 ? network.ttl : 1; // RFC 4566 §5.7: IPv4 multicast needs one
        sdp.port = destinations.multicast->port;
    }
    else if (!destinations.unicast.empty())
    {
        sdp.connectionAddress = destinations.unicast.front().address;
        sdp.port = destinations.unicast.front().port;
    }
    sdp.formatParameters = "stereo=0; sprop-stereo=0; maxplaybackrate=48000";
    if (network.opus.fec && network.opus.frameMicroseconds >= 10000)
        sdp.formatParameters += "; useinbandfec=1";
    sdp.ptimeMicroseconds = network.opus.frameMicroseconds;
    sdp.language = identity.language;
    sdp.channelId = identity.channelId;
    return sdp;
}

std::optional<Error> writeSdpFiles(const std::filesystem::path& directory,
                                   const std::vector<std::pair<std::string, std::string>>& files)
{
    std::error_code code;
    std::filesystem::create_directories(directory, code);
    if (code)
        return Error{directory.string() + ": cannot create the SDP directory: " + code.message()};
    for (const auto& [channel, text] : files)
    {
        const auto path = directory / (channel + ".sdp");
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
            return Error{path.string() + ": cannot write the SDP file"};
    }
    return std::nullopt;
}

} // namespace dragoman
