// The SDP writer, and the names and messages both directions use. The parser is in
// SdpParser.cpp; the text rules they share are in SdpText.

#include "net/Sdp.h"

#include "net/SdpText.h"

namespace dragoman
{

using namespace sdptext;

namespace
{

std::string_view addressType(bool ipv6)
{
    return ipv6 ? "IP6" : "IP4";
}

std::optional<std::string> checkForWriting(const SdpDescription& d)
{
    if (!validToken(d.origin.username) || !validToken(d.origin.address))
        return "o=: the username and address must be single words";
    if (d.sessionName.empty() || !validText(d.sessionName))
        return "s=: the session name must be non-empty UTF-8 text without control characters";
    if (!validText(d.information))
        return "i=: must be UTF-8 text without control characters";
    if (!d.connectionAddress.empty())
    {
        if (!validToken(d.connectionAddress) || d.connectionAddress.find('/') != std::string::npos)
            return "c=: the address must be a single word without '/'";
        if (d.ttl < 0 || d.ttl > 255 || (d.connectionIpv6 && d.ttl != 0))
            return "c=: the TTL must be 0..255, and IPv6 has none";
    }
    if (!validToken(d.protocol) || d.protocol.find("RTP") == std::string::npos)
        return "m=: the protocol must be an RTP profile such as RTP/AVP";
    if (d.payloadType > 127)
        return "m=: the payload type must be 0..127";
    if (!d.encodingName.empty() &&
        (!validToken(d.encodingName) || d.encodingName.find('/') != std::string::npos ||
         d.clockRate == 0 || d.encodingChannels < 0 || d.encodingChannels > 255))
        return "a=rtpmap: needs an encoding name, a clock rate and 0..255 channels";
    if (!validText(d.formatParameters) || trim(d.formatParameters) != d.formatParameters)
        return "a=fmtp: must be text without control characters or surrounding spaces";
    if (d.ptimeMicroseconds < 0 || d.ptimeMicroseconds > maxPtimeMicroseconds)
        return "a=ptime: out of range";
    if (!d.language.empty() && !validToken(d.language))
        return "a=lang: must be a single word";
    if (!d.channelId.empty() && !validToken(d.channelId))
        return "a=x-dragoman-channel: must be a single word";
    return std::nullopt;
}

} // namespace

std::string SdpError::text() const
{
    return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
}

std::string_view sdpDirectionName(SdpDirection direction) noexcept
{
    switch (direction)
    {
    case SdpDirection::sendrecv:
        return "sendrecv";
    case SdpDirection::recvonly:
        return "recvonly";
    case SdpDirection::sendonly:
        return "sendonly";
    case SdpDirection::inactive:
        return "inactive";
    }
    return "sendrecv";
}

Result<std::string> writeSdp(const SdpDescription& d)
{
    if (auto problem = checkForWriting(d))
        return Error{std::move(*problem)};

    const std::string pt = std::to_string(d.payloadType);
    std::string out;
    auto put = [&out](std::initializer_list<std::string_view> parts)
    {
        for (const auto part : parts)
            out += part;
        out += "\r\n";
    };
    put({"v=0"});
    put({"o=", d.origin.username, " ", std::to_string(d.origin.sessionId), " ",
         std::to_string(d.origin.sessionVersion), " IN ", addressType(d.origin.ipv6), " ",
         d.origin.address});
    put({"s=", d.sessionName});
    if (!d.information.empty())
        put({"i=", d.information});
    if (!d.connectionAddress.empty())
        put({"c=IN ", addressType(d.connectionIpv6), " ", d.connectionAddress,
             d.ttl > 0 ? "/" + std::to_string(d.ttl) : std::string{}});
    put({"t=0 0"});
    put({"m=audio ", std::to_string(d.port), " ", d.protocol, " ", pt});
    if (!d.encodingName.empty())
        put({"a=rtpmap:", pt, " ", d.encodingName, "/", std::to_string(d.clockRate),
             d.encodingChannels > 0 ? "/" + std::to_string(d.encodingChannels) : std::string{}});
    if (!d.formatParameters.empty())
        put({"a=fmtp:", pt, " ", d.formatParameters});
    if (d.ptimeMicroseconds > 0)
        put({"a=ptime:", formatPtime(d.ptimeMicroseconds)});
    if (!d.language.empty())
        put({"a=lang:", d.language});
    if (!d.channelId.empty())
        put({"a=x-dragoman-channel:", d.channelId});
    put({"a=", sdpDirectionName(d.direction)});
    return out;
}

} // namespace dragoman
