// The SDP parser: one pass over the lines, tracking which section (session, our m=audio,
// another medium) each line belongs to. The writer is in Sdp.cpp; the rules both share are in
// SdpText.

#include "net/Sdp.h"

#include "net/SdpText.h"

#include <vector>

namespace dragoman
{

using namespace sdptext;

namespace
{

// The c= line's parts, kept per level so that the media level can override the session level.
struct Connection
{
    bool ipv6 = false;
    std::string address;
    int ttl = 0;
};

// Attributes that may appear at either level.
struct LevelAttributes
{
    std::optional<std::string> language;
    std::optional<std::string> channelId;
    std::optional<SdpDirection> direction;
    std::optional<Connection> connection;
};

std::optional<SdpDirection> directionFromName(std::string_view name)
{
    if (name == "sendrecv")
        return SdpDirection::sendrecv;
    if (name == "recvonly")
        return SdpDirection::recvonly;
    if (name == "sendonly")
        return SdpDirection::sendonly;
    if (name == "inactive")
        return SdpDirection::inactive;
    return std::nullopt;
}

class SdpParser
{
public:
    Parsed<SdpDescription, SdpError> parse(std::string_view text);

private:
    enum class Section
    {
        session,
        chosenMedia, // the first m=audio: the one we read
        otherMedia,  // media before it that we skip
        afterChosen, // everything after it
    };

    std::optional<SdpError> line(char type, std::string_view value);
    std::optional<SdpError> media(std::string_view value);
    std::optional<SdpError> attribute(std::string_view value);
    std::optional<SdpError> connection(std::string_view value);
    SdpError fail(std::string message) const { return SdpError{lineNumber, std::move(message)}; }
    LevelAttributes& level() { return section == Section::session ? sessionLevel : mediaLevel; }

    SdpDescription d;
    Section section = Section::session;
    int lineNumber = 0;
    bool haveOrigin = false;
    bool haveName = false;
    bool haveMedia = false;
    LevelAttributes sessionLevel;
    LevelAttributes mediaLevel;
};

Parsed<SdpDescription, SdpError> SdpParser::parse(std::string_view text)
{
    // Start blank: what the text does not say stays empty, rather than taking our defaults.
    d.origin = SdpOrigin{"", 0, 0, false, ""};
    d.port = 0;
    d.protocol.clear();
    d.payloadType = 0;
    d.encodingName.clear();
    d.clockRate = 0;
    d.encodingChannels = 0;
    d.formatParameters.clear();
    d.ptimeMicroseconds = 0;

    bool haveVersion = false;
    std::size_t pos = 0;
    while (pos < text.size())
    {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        if (!raw.empty() && raw.back() == '\r')
            raw.remove_suffix(1);
        if (raw.empty())
            continue;
        if (raw.size() < 2 || raw[1] != '=' || raw[0] < 'a' || raw[0] > 'z')
            return fail("expected a line of the form x=value");
        const char type = raw[0];
        const std::string_view value = raw.substr(2);
        if (!haveVersion)
        {
            if (type != 'v' || trim(value) != "0")
                return fail("the description must start with v=0");
            haveVersion = true;
            continue;
        }
        if (auto error = line(type, value))
            return std::move(*error);
    }
    if (!haveVersion)
        return SdpError{0, "empty description"};
    if (!haveOrigin)
        return SdpError{0, "no o= line"};
    if (!haveName)
        return SdpError{0, "no s= line"};
    if (!haveMedia)
        return SdpError{0, "no m=audio line"};

    // The media level overrides the session level.
    auto pick = [this](auto member)
    {
        return mediaLevel.*member ? mediaLevel.*member : sessionLevel.*member;
    };
    d.language = pick(&LevelAttributes::language).value_or("");
    d.channelId = pick(&LevelAttributes::channelId).value_or("");
    d.direction = pick(&LevelAttributes::direction).value_or(SdpDirection::sendrecv);
    if (const auto c = pick(&LevelAttributes::connection))
    {
        d.connectionIpv6 = c->ipv6;
        d.connectionAddress = c->address;
        d.ttl = c->ttl;
    }
    return std::move(d);
}

std::optional<SdpError> SdpParser::line(char type, std::string_view value)
{
    const bool reading = section == Section::session || section == Section::chosenMedia;
    switch (type)
    {
    case 'v':
        return fail("a second v= line: two descriptions in one text?");
    case 'm':
        return media(value);
    case 'o':
        if (section != Section::session)
            return std::nullopt;
        if (auto origin = parseSdpOrigin(value))
        {
            d.origin = std::move(*origin);
            haveOrigin = true;
            return std::nullopt;
        }
        return fail("o=: expected USER SESSION-ID VERSION IN IP4|IP6 ADDRESS");
    case 's':
        if (section != Section::session)
            return std::nullopt;
        if (value.empty() || !validText(value))
            return fail("s=: the session name must be non-empty UTF-8 text");
        d.sessionName = value;
        haveName = true;
        return std::nullopt;
    case 'i':
        if (!reading)
            return std::nullopt;
        if (!validText(value))
            return fail("i=: not UTF-8 text");
        if (section == Section::session)
            d.information = value;
        return std::nullopt;
    case 'c':
        return reading ? connection(value) : std::nullopt;
    case 'a':
        return reading ? attribute(value) : std::nullopt;
    default:
        return std::nullopt; // t=, b=, u=, e=, p=, r=, z=, k= and unknown: not needed here
    }
}

std::optional<SdpError> SdpParser::media(std::string_view value)
{
    if (section == Section::chosenMedia || section == Section::afterChosen)
    {
        section = Section::afterChosen;
        return std::nullopt;
    }
    const auto fields = splitFields(value);
    if (fields.empty() || fields[0] != "audio")
    {
        section = Section::otherMedia;
        return std::nullopt;
    }
    if (fields.size() < 4)
        return fail("m=: expected audio PORT PROTOCOL FORMAT...");
    const std::string_view portField = fields[1].substr(0, fields[1].find('/'));
    const auto port = parseNumber(portField, 65535);
    if (!port)
        return fail("m=: the port is not a number 0..65535");
    if (fields[1].size() > portField.size() &&
        !parseNumber(fields[1].substr(portField.size() + 1), 65535))
        return fail("m=: the port count is not a number");
    if (!validToken(fields[2]) || fields[2].find("RTP") == std::string_view::npos)
        return fail("m=: protocol " + std::string(fields[2]) + " is not RTP");
    const auto payloadType = parseNumber(fields[3], 127);
    if (!payloadType)
        return fail("m=: the first format is not an RTP payload type 0..127");
    d.port = static_cast<std::uint16_t>(*port);
    d.protocol = fields[2];
    d.payloadType = static_cast<std::uint8_t>(*payloadType);
    section = Section::chosenMedia;
    haveMedia = true;
    return std::nullopt;
}

std::optional<SdpError> SdpParser::connection(std::string_view value)
{
    const auto fields = splitFields(value);
    if (fields.size() != 3 || fields[0] != "IN" || (fields[1] != "IP4" && fields[1] != "IP6"))
        return fail("c=: expected IN IP4|IP6 ADDRESS[/TTL]");
    Connection c;
    c.ipv6 = fields[1] == "IP6";
    const std::string_view full = fields[2];
    const std::size_t slash = full.find('/');
    c.address = full.substr(0, slash);
    if (!validToken(c.address))
        return fail("c=: bad address");
    if (slash != std::string_view::npos)
    {
        // IP4: ADDRESS/TTL[/COUNT]; IP6 has no TTL: ADDRESS/COUNT. Counts are not used here.
        const std::string_view rest = full.substr(slash + 1);
        const std::size_t second = rest.find('/');
        const auto first = parseNumber(rest.substr(0, second), c.ipv6 ? 65535 : 255);
        if (!first ||
            (second != std::string_view::npos && !parseNumber(rest.substr(second + 1), 65535)) ||
            (c.ipv6 && second != std::string_view::npos))
            return fail("c=: bad TTL or address count after the address");
        if (!c.ipv6)
            c.ttl = static_cast<int>(*first);
    }
    level().connection = std::move(c);
    return std::nullopt;
}

std::optional<SdpError> SdpParser::attribute(std::string_view value)
{
    const std::size_t colon = value.find(':');
    const std::string_view name = value.substr(0, colon);
    const std::string_view argument =
        colon == std::string_view::npos ? std::string_view{} : value.substr(colon + 1);

    if (auto direction = directionFromName(name))
    {
        level().direction = direction;
        return std::nullopt;
    }
    if (name == "lang" || name == "x-dragoman-channel")
    {
        const std::string_view token = trim(argument);
        if (!validToken(token))
            return fail("a=" + std::string(name) + ": expected one word");
        (name == "lang" ? level().language : level().channelId) = std::string(token);
        return std::nullopt;
    }
    if (section != Section::chosenMedia)
        return std::nullopt; // rtpmap, fmtp and ptime belong to a media section

    if (name == "rtpmap")
    {
        const auto fields = splitFields(argument);
        const auto payloadType = fields.empty() ? std::nullopt : parseNumber(fields[0], 127);
        if (fields.size() != 2 || !payloadType)
            return fail("a=rtpmap: expected PT NAME/RATE[/CHANNELS]");
        const std::string_view encoding = fields[1];
        const std::size_t slash1 = encoding.find('/');
        const std::size_t slash2 =
            slash1 == std::string_view::npos ? slash1 : encoding.find('/', slash1 + 1);
        const std::string_view encodingName = encoding.substr(0, slash1);
        const auto rate =
            slash1 == std::string_view::npos
                ? std::nullopt
                : parseNumber(encoding.substr(slash1 + 1, slash2 - slash1 - 1), UINT32_MAX);
        std::optional<std::uint64_t> channels;
        if (slash2 != std::string_view::npos)
            channels = parseNumber(encoding.substr(slash2 + 1), 255);
        if (!validToken(encodingName) || !rate || *rate == 0 ||
            (slash2 != std::string_view::npos && (!channels || *channels == 0)))
            return fail("a=rtpmap: expected PT NAME/RATE[/CHANNELS]");
        if (*payloadType == d.payloadType)
        {
            d.encodingName = encodingName;
            d.clockRate = static_cast<std::uint32_t>(*rate);
            d.encodingChannels = channels ? static_cast<int>(*channels) : 0;
        }
        return std::nullopt;
    }
    if (name == "fmtp")
    {
        const std::size_t space = argument.find(' ');
        const auto payloadType = parseNumber(argument.substr(0, space), 127);
        const std::string_view parameters =
            space == std::string_view::npos ? std::string_view{} : trim(argument.substr(space + 1));
        if (!payloadType || !validText(parameters))
            return fail("a=fmtp: expected PT PARAMETERS");
        if (*payloadType == d.payloadType)
            d.formatParameters = parameters;
        return std::nullopt;
    }
    if (name == "ptime")
    {
        const auto ptime = parsePtime(argument);
        if (!ptime)
            return fail("a=ptime: expected milliseconds, e.g. 10 or 2.5");
        d.ptimeMicroseconds = *ptime;
        return std::nullopt;
    }
    return std::nullopt; // unknown attributes are someone else's business
}

} // namespace

Parsed<SdpDescription, SdpError> parseSdp(std::string_view text)
{
    return SdpParser{}.parse(text);
}

std::optional<SdpOrigin> parseSdpOrigin(std::string_view value)
{
    const auto fields = splitFields(value);
    if (fields.size() != 6 || fields[3] != "IN" || (fields[4] != "IP4" && fields[4] != "IP6"))
        return std::nullopt;
    const auto id = parseNumber(fields[1], UINT64_MAX);
    const auto version = parseNumber(fields[2], UINT64_MAX);
    if (!id || !version || !validToken(fields[0]) || !validToken(fields[5]))
        return std::nullopt;
    return SdpOrigin{std::string(fields[0]), *id, *version, fields[4] == "IP6",
                     std::string(fields[5])};
}

std::optional<std::string_view> formatParameter(std::string_view parameters, std::string_view key)
{
    std::size_t pos = 0;
    while (pos <= parameters.size())
    {
        std::size_t end = parameters.find(';', pos);
        if (end == std::string_view::npos)
            end = parameters.size();
        const std::string_view item = trim(parameters.substr(pos, end - pos));
        const std::size_t equals = item.find('=');
        if (trim(item.substr(0, equals)) == key)
            return equals == std::string_view::npos ? std::string_view{}
                                                    : trim(item.substr(equals + 1));
        pos = end + 1;
    }
    return std::nullopt;
}

} // namespace dragoman
