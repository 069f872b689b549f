#include "core/SessionValidator.h"

#include "core/Floorplan.h"

#include <functional>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace dragoman
{

SessionSource::SessionSource(std::string name) : sourceName(std::move(name)) {}

void SessionSource::note(std::string key, int line)
{
    lines.insert_or_assign(std::move(key), line);
}

int SessionSource::lineOf(std::string_view key) const
{
    std::string path(key);
    while (true)
    {
        if (const auto found = lines.find(path); found != lines.end())
            return found->second;
        // Ids never contain '.' or '[', so the last of them separates the enclosing key.
        const auto cut = path.find_last_of(".[");
        if (cut == std::string::npos)
            return path.empty() ? 0 : lineOf("");
        path.resize(cut);
    }
}

Error SessionSource::refuse(std::string_view key, std::string_view what) const
{
    return refuseAtLine(lineOf(key), key, what);
}

Error SessionSource::refuseAtLine(int line, std::string_view key, std::string_view what) const
{
    std::string message = sourceName;
    if (line > 0)
        message += ":" + std::to_string(line);
    message += ": ";
    message += key;
    message += ": ";
    message += what;
    return Error{message};
}

bool isLanguageCode(std::string_view text)
{
    const auto lowerRun = [](std::string_view part, std::size_t min, std::size_t max, bool digits)
    {
        if (part.size() < min || part.size() > max)
            return false;
        for (const char c : part)
            if (!((c >= 'a' && c <= 'z') || (digits && c >= '0' && c <= '9')))
                return false;
        return true;
    };
    const auto dash = text.find('-');
    if (dash == std::string_view::npos)
        return lowerRun(text, 2, 3, false);
    return lowerRun(text.substr(0, dash), 2, 3, false) &&
           lowerRun(text.substr(dash + 1), 2, 8, true);
}

bool isId(std::string_view text)
{
    if (text.empty())
        return false;
    for (const char c : text)
    {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !digit && c != '-' && c != '_')
            return false;
    }
    return true;
}

namespace
{

using Check = std::optional<Error>;

struct Context
{
    const Session& session;
    const SessionSource& source;
};

std::string inQuotes(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

// Long lists (30 seats) are cut: the message must stay one readable line.
std::string listOf(const std::vector<std::string>& items, std::size_t shown = 12)
{
    if (items.empty())
        return "none";
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i)
        text += (i == 0 ? "" : ", ") + items[i];
    if (items.size() > shown)
        text += ", ...";
    return text;
}

std::string formatNumber(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string channelPath(std::size_t c)
{
    return "channels[" + std::to_string(c) + "]";
}
std::string boothPath(std::size_t b)
{
    return "booths[" + std::to_string(b) + "]";
}
std::string seatPath(std::size_t b, std::size_t s)
{
    return boothPath(b) + ".seats[" + std::to_string(s) + "]";
}

std::vector<std::string> channelIds(const Session& session)
{
    std::vector<std::string> ids;
    for (const auto& channel : session.channels)
        ids.push_back(channel.id);
    return ids;
}

std::vector<std::string> seatIds(const Session& session)
{
    std::vector<std::string> ids;
    for (const auto& booth : session.booths)
        for (const auto& seat : booth.seats)
            ids.push_back(seat.id);
    return ids;
}

const ChannelSpec* findChannel(const Session& session, std::string_view id)
{
    for (const auto& channel : session.channels)
        if (channel.id == id)
            return &channel;
    return nullptr;
}

bool hasSeat(const Session& session, std::string_view id)
{
    for (const auto& booth : session.booths)
        for (const auto& seat : booth.seats)
            if (seat.id == id)
                return true;
    return false;
}

// Remembers the key where each value first appeared, so that a duplicate names both places.
class FirstSeen
{
public:
    FirstSeen(const SessionSource& source, std::string noun) : src(source), what(std::move(noun)) {}

    Check add(const std::string& value, const std::string& key)
    {
        const auto [first, inserted] = seen.try_emplace(value, key);
        if (inserted)
            return std::nullopt;
        std::string where = first->second;
        if (const int line = src.lineOf(where); line > 0)
            where += " on line " + std::to_string(line);
        return src.refuse(key,
                          "duplicate " + what + " " + inQuotes(value) + " (also " + where + ")");
    }

private:
    const SessionSource& src;
    std::string what;
    std::unordered_map<std::string, std::string> seen;
};

Check checkId(const Context& c, const std::string& id, const std::string& key)
{
    if (id.empty())
        return c.source.refuse(key, "must not be empty");
    if (!isId(id))
        return c.source.refuse(key, inQuotes(id) + " is not a valid id (use letters, digits, '-' "
                                                   "and '_')");
    if (id == "floor")
        return c.source.refuse(key, "'floor' is reserved: it names the floor");
    return std::nullopt;
}

Check checkLanguage(const Context& c, const std::string& language, const std::string& key)
{
    if (isLanguageCode(language))
        return std::nullopt;
    return c.source.refuse(key, inQuotes(language) + " is not a language code (2-3 lowercase "
                                                     "letters, optional subtag: en, kk, zh-hans)");
}

Check checkHeader(const Context& c)
{
    const Session& s = c.session;
    if (s.name.empty())
        return c.source.refuse("name", "must not be empty");
    if (s.sampleRate != 44100 && s.sampleRate != 48000 && s.sampleRate != 96000)
        return c.source.refuse("sample_rate", "must be 44100, 48000 or 96000, got " +
                                                  std::to_string(s.sampleRate));
    const int frames = s.blockFrames;
    if (frames < 16 || frames > 4096 || (frames & (frames - 1)) != 0)
        return c.source.refuse("block_frames", "must be a power of two from 16 to 4096, got " +
                                                   std::to_string(frames));
    return checkLanguage(c, s.floorLanguage, "floor.language");
}

Check checkChannels(const Context& c)
{
    if (c.session.channels.empty())
        return c.source.refuse("channels", "a session needs at least one channel");
    FirstSeen ids(c.source, "channel id");
    for (std::size_t i = 0; i < c.session.channels.size(); ++i)
    {
        const ChannelSpec& channel = c.session.channels[i];
        const std::string path = channelPath(i);
        if (auto error = checkId(c, channel.id, path + ".id"))
            return error;
        if (auto error = ids.add(channel.id, path + ".id"))
            return error;
        if (auto error = checkLanguage(c, channel.language, path + ".language"))
            return error;
        if (channel.name.empty())
            return c.source.refuse(path + ".name", "must not be empty");
    }
    return std::nullopt;
}

Check checkOutputs(const Context& c, const BoothSpec& booth, const std::string& path)
{
    if (booth.outputs.empty() || booth.outputs.front().label != 'A')
        return c.source.refuse(path + ".outputs.A", "missing: every booth has an A output");
    FirstSeen channels(c.source, "output channel");
    char previous = '\0';
    for (const BoothOutput& output : booth.outputs)
    {
        const std::string key = path + ".outputs." + std::string(1, output.label);
        if (output.label != 'A' && output.label != 'B' && output.label != 'C')
            return c.source.refuse(key, "unknown output (a booth has outputs A, B and C)");
        if (output.label <= previous)
            return c.source.refuse(key, "listed twice or out of order (A, then B, then C)");
        previous = output.label;
        if (output.channel == "floor")
            return c.source.refuse(key, "the floor cannot be a booth output");
        if (findChannel(c.session, output.channel) == nullptr)
            return c.source.refuse(key, "unknown channel " + inQuotes(output.channel) +
                                            " (channels: " + listOf(channelIds(c.session)) + ")");
        if (auto error = channels.add(output.channel, key))
            return error;
    }
    return std::nullopt;
}

Check checkSeats(const Context& c, std::size_t b, FirstSeen& seatIdsSeen)
{
    const BoothSpec& booth = c.session.booths[b];
    if (booth.seats.empty())
        return c.source.refuse(boothPath(b) + ".seats", "a booth needs at least one seat");
    for (std::size_t s = 0; s < booth.seats.size(); ++s)
    {
        const SeatSpec& seat = booth.seats[s];
        const std::string path = seatPath(b, s);
        if (auto error = checkId(c, seat.id, path + ".id"))
            return error;
        // Seat ids are unique across booths: audio ports and console commands name a seat alone.
        if (auto error = seatIdsSeen.add(seat.id, path + ".id"))
            return error;
        // audio.outputs names the technician's monitor by this word.
        if (seat.id == kMonitorEndpoint)
            return c.source.refuse(path + ".id", "'monitor' names the technician's monitor "
                                                 "output; give the seat another id");
        // Outside this range the limiter's dB SPL thresholds would rest on a miscalibration.
        if (!(seat.splAt0dBFS >= 80.0 && seat.splAt0dBFS <= 140.0))
            return c.source.refuse(path + ".spl_at_0dbfs", "must be from 80 to 140 dB SPL, got " +
                                                               formatNumber(seat.splAt0dBFS));
    }
    return std::nullopt;
}

Check checkBooths(const Context& c)
{
    if (c.session.booths.empty())
        return c.source.refuse("booths", "a session needs at least one booth");
    FirstSeen boothIds(c.source, "booth id");
    FirstSeen seatIdsSeen(c.source, "seat id");
    for (std::size_t b = 0; b < c.session.booths.size(); ++b)
    {
        const BoothSpec& booth = c.session.booths[b];
        const std::string path = boothPath(b);
        if (auto error = checkId(c, booth.id, path + ".id"))
            return error;
        if (auto error = boothIds.add(booth.id, path + ".id"))
            return error;
        if (auto error = checkOutputs(c, booth, path))
            return error;
        FirstSeen languages(c.source, "language");
        for (std::size_t l = 0; l < booth.understands.size(); ++l)
        {
            const std::string key = path + ".understands[" + std::to_string(l) + "]";
            if (auto error = checkLanguage(c, booth.understands[l], key))
                return error;
            if (auto error = languages.add(booth.understands[l], key))
                return error;
        }
        if (auto error = checkSeats(c, b, seatIdsSeen))
            return error;
    }
    return std::nullopt;
}

// A pivot is only useful if some booth working into its channel takes that language straight
// from the floor; otherwise auto-relay would send booths to a channel nobody can fill.
bool pivotIsServed(const Session& session, const Pivot& pivot)
{
    for (const BoothSpec& booth : session.booths)
    {
        bool understands = false;
        for (const auto& language : booth.understands)
            understands = understands || language == pivot.floorLanguage;
        for (const BoothOutput& output : booth.outputs)
            if (understands && output.channel == pivot.channel)
                return true;
    }
    return false;
}

Check checkPivots(const Context& c)
{
    FirstSeen languages(c.source, "pivot language");
    for (const Pivot& pivot : c.session.pivots)
    {
        const std::string key = "pivots." + pivot.floorLanguage;
        if (!isLanguageCode(pivot.floorLanguage))
            return c.source.refuse(key, inQuotes(pivot.floorLanguage) +
                                            " is not a language code: a pivot maps a floor "
                                            "language to the channel booths relay from");
        if (auto error = languages.add(pivot.floorLanguage, key))
            return error;
        const ChannelSpec* channel = findChannel(c.session, pivot.channel);
        if (channel == nullptr)
            return c.source.refuse(key, "unknown channel " + inQuotes(pivot.channel) +
                                            " (channels: " + listOf(channelIds(c.session)) + ")");
        if (channel->language == pivot.floorLanguage)
            return c.source.refuse(key, "channel " + inQuotes(pivot.channel) + " is itself in " +
                                            pivot.floorLanguage + ": when the floor speaks " +
                                            pivot.floorLanguage +
                                            " it carries the floor, not a relay");
        if (!pivotIsServed(c.session, pivot))
            return c.source.refuse(key, "no booth working into " + inQuotes(pivot.channel) +
                                            " understands " + pivot.floorLanguage +
                                            " (add it to that booth's understands list)");
    }
    return std::nullopt;
}

using EndpointRule = std::function<Check(const std::string& endpoint, const std::string& key)>;

Check checkPorts(const Context& c, const std::vector<AudioPort>& ports, const std::string& path,
                 const EndpointRule& endpointIsKnown)
{
    FirstSeen endpoints(c.source, "endpoint");
    FirstSeen deviceChannels(c.source, "device channel");
    for (const AudioPort& port : ports)
    {
        const std::string key = path + "." + port.endpoint;
        if (auto error = endpointIsKnown(port.endpoint, key))
            return error;
        if (auto error = endpoints.add(port.endpoint, key))
            return error;
        if (port.deviceChannel < 1 || port.deviceChannel > 256)
            return c.source.refuse(key, "device channel must be from 1 to 256, got " +
                                            std::to_string(port.deviceChannel));
        if (auto error = deviceChannels.add(std::to_string(port.deviceChannel), key))
            return error;
    }
    return std::nullopt;
}

Check checkAudio(const Context& c)
{
    const AudioMap& audio = c.session.audio;
    if (audio.hostApi.empty())
        return c.source.refuse("audio.host_api", "must not be empty");
    const auto inputRule = [&c](const std::string& endpoint, const std::string& key) -> Check
    {
        if (endpoint == "floor" || hasSeat(c.session, endpoint))
            return std::nullopt;
        return c.source.refuse(key, "unknown input " + inQuotes(endpoint) +
                                        " (inputs are 'floor' and seat microphones: " +
                                        listOf(seatIds(c.session), 8) + ")");
    };
    const auto outputRule = [&c](const std::string& endpoint, const std::string& key) -> Check
    {
        constexpr std::string_view prefix = "channel:";
        if (endpoint.starts_with(prefix))
        {
            const std::string channel = endpoint.substr(prefix.size());
            if (channel == "floor" || findChannel(c.session, channel) != nullptr)
                return std::nullopt;
            return c.source.refuse(key, "unknown channel " + inQuotes(channel) +
                                            " (channels: floor, " + listOf(channelIds(c.session)) +
                                            ")");
        }
        if (endpoint == kMonitorEndpoint || hasSeat(c.session, endpoint))
            return std::nullopt;
        return c.source.refuse(key, "unknown output " + inQuotes(endpoint) +
                                        " (outputs are seat headphones, channel:<id> or monitor)");
    };
    if (auto error = checkPorts(c, audio.inputs, "audio.inputs", inputRule))
        return error;
    return checkPorts(c, audio.outputs, "audio.outputs", outputRule);
}

} // namespace

std::optional<Error> validateSession(const Session& session, const SessionSource& source)
{
    const Context context{session, source};
    for (const auto check : {checkHeader, checkChannels, checkBooths, checkPivots, checkAudio})
        if (auto error = check(context))
            return error;
    if (auto error = validateNetwork(session, source))
        return error;
    return validateRemoteSeatPorts(session, source);
}

} // namespace dragoman
