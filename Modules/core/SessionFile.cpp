#include "core/SessionFile.h"

#include "core/SessionControlFile.h"
#include "core/SessionNetworkFile.h"
#include "core/SessionRemoteSeatFile.h"
#include "core/SessionValidator.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <optional>
#include <span>
#include <sstream>
#include <utility>
#include <vector>

namespace dragoman
{

namespace
{

// This reader only checks the shape of the file (keys, types, words); validateSession() checks
// what the values mean, so that sessions built in code obey the same rules.

// A refusal found deep inside the reader. Thrown to leave the descent in one step; parseSession()
// catches it, so it never leaves this file.
struct Refusal
{
    Error error;
};

using Keys = std::span<const std::string_view>;

constexpr std::array<std::string_view, 11> sessionKeys{"name",
                                                      "sample_rate",
                                                      "block_frames",
                                                      "floor",
                                                      "channels",
                                                      "booths",
                                                      "interlock_between_booths",
                                                      "pivots",
                                                      "audio",
                                                      "network",
                                                      "control"};
constexpr std::array<std::string_view, 1> floorKeys{"language"};
constexpr std::array<std::string_view, 4> channelKeys{"id", "language", "name", "idle"};
constexpr std::array<std::string_view, 5> boothKeys{"id", "outputs", "understands", "interlock",
                                                    "seats"};
constexpr std::array<std::string_view, 3> outputKeys{"A", "B", "C"};
constexpr std::array<std::string_view, 3> seatKeys{"id", "spl_at_0dbfs", "remote"};
constexpr std::array<std::string_view, 4> audioKeys{"host_api", "device", "inputs", "outputs"};

// Files are large enough to hold a 32-booth summit many times over; anything bigger is almost
// certainly the wrong file (a recording), which would otherwise be parsed as one huge scalar.
constexpr std::uintmax_t maxFileBytes = 1024 * 1024;

int lineOf(const YAML::Node& node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

std::string join(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string inQuotes(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

std::string describe(const YAML::Node& node)
{
    if (node.IsMap())
        return "a map";
    if (node.IsSequence())
        return "a list";
    if (node.IsScalar())
        return inQuotes(node.Scalar());
    return "nothing";
}

[[noreturn]] void refuse(const SessionSource& source, const YAML::Node& at, const std::string& key,
                         const std::string& what)
{
    throw Refusal{source.refuseAtLine(lineOf(at), key, what)};
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
    {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
        {
            const char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
            const char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
            const std::size_t replaced = diagonal + (ca == cb ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, replaced});
        }
    }
    return row[b.size()];
}

std::string unknownKeyMessage(std::string_view key, Keys allowed)
{
    std::string message = "unknown key " + inQuotes(key) + " (";
    std::string_view closest;
    std::size_t best = 3; // more than two edits away is a different word, not a typo
    for (const auto candidate : allowed)
        if (const std::size_t distance = editDistance(key, candidate); distance < best)
        {
            best = distance;
            closest = candidate;
        }
    if (!closest.empty())
        message += "did you mean " + inQuotes(closest) + "? ";
    message += "allowed:";
    for (std::size_t i = 0; i < allowed.size(); ++i)
        message += (i == 0 ? " " : ", ") + std::string(allowed[i]);
    return message + ")";
}

void expectMap(const SessionSource& source, const YAML::Node& node, const std::string& key,
               std::string_view example)
{
    if (!node.IsMap())
        refuse(source, node, key,
               "expected a map such as " + std::string(example) + ", got " + describe(node));
}

void expectList(const SessionSource& source, const YAML::Node& node, const std::string& key,
                std::string_view example)
{
    if (!node.IsSequence())
        refuse(source, node, key,
               "expected a list such as " + std::string(example) + ", got " + describe(node));
}

std::string text(const SessionSource& source, const YAML::Node& node, const std::string& key)
{
    if (!node.IsScalar())
        refuse(source, node, key, "expected a single value, got " + describe(node));
    return node.Scalar();
}

// Decimal only: yaml-cpp's own conversion would read "010" as octal 8 and "0x30" as 48.
int integer(const SessionSource& source, const YAML::Node& node, const std::string& key)
{
    const std::string word = text(source, node, key);
    const char* first = word.data() + (word.starts_with('+') ? 1 : 0);
    const char* last = word.data() + word.size();
    int value = 0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc::result_out_of_range)
        refuse(source, node, key, inQuotes(word) + " is out of range");
    if (error != std::errc{} || end != last || first == last)
        refuse(source, node, key, "expected a whole number, got " + inQuotes(word));
    return value;
}

double number(const SessionSource& source, const YAML::Node& node, const std::string& key)
{
    const std::string word = text(source, node, key);
    const char* first = word.data() + (word.starts_with('+') ? 1 : 0);
    const char* last = word.data() + word.size();
    double value = 0.0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc{} || end != last || first == last || !std::isfinite(value))
        refuse(source, node, key, "expected a number, got " + inQuotes(word));
    return value;
}

// The entries of a map whose keys are data (pivot languages, audio endpoints). Each key is noted
// with its line; a key written twice is refused, because yaml-cpp would silently keep one.
std::vector<std::pair<std::string, YAML::Node>>
entriesOf(SessionSource& source, const YAML::Node& map, const std::string& path)
{
    std::vector<std::pair<std::string, YAML::Node>> entries;
    for (const auto& entry : map)
    {
        if (!entry.first.IsScalar())
            refuse(source, entry.first, path,
                   "keys must be single words, got " + describe(entry.first));
        const std::string key = entry.first.Scalar();
        const std::string keyPath = join(path, key);
        for (const auto& [earlier, value] : entries)
            if (earlier == key)
                refuse(source, entry.first, keyPath,
                       "written twice (first on line " + std::to_string(source.lineOf(keyPath)) +
                           ")");
        source.note(keyPath, lineOf(entry.first));
        entries.emplace_back(key, entry.second);
    }
    return entries;
}

// The keys of one map with a fixed set of allowed keys.
class Fields
{
public:
    Fields(SessionSource& source, const YAML::Node& map, std::string path, Keys allowed)
        : src(source), mapNode(map), mapPath(std::move(path)),
          entries(entriesOf(source, map, mapPath))
    {
        for (const auto& [key, value] : entries)
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                throw Refusal{src.refuse(pathOf(key), unknownKeyMessage(key, allowed))};
    }

    std::optional<YAML::Node> find(std::string_view key) const
    {
        for (const auto& [name, value] : entries)
            if (name == key)
                return value;
        return std::nullopt;
    }

    // An optional key written without a value (`pivots:`) counts as absent.
    std::optional<YAML::Node> findSet(std::string_view key) const
    {
        auto value = find(key);
        return value && !value->IsNull() ? value : std::nullopt;
    }

    YAML::Node require(std::string_view key) const
    {
        const auto value = find(key);
        if (!value)
            refuse(src, mapNode, pathOf(key), "missing required key");
        // yaml-cpp marks an empty value at the next token, so point at the key's own line.
        if (value->IsNull())
            throw Refusal{src.refuse(pathOf(key), "has no value")};
        return *value;
    }

    std::string pathOf(std::string_view key) const { return join(mapPath, key); }

private:
    SessionSource& src;
    YAML::Node mapNode;
    std::string mapPath;
    std::vector<std::pair<std::string, YAML::Node>> entries;
};

std::string itemPath(const std::string& list, std::size_t index)
{
    return list + "[" + std::to_string(index) + "]";
}

InterlockMode readInterlock(const SessionSource& source, const YAML::Node& node,
                            const std::string& key)
{
    const std::string word = text(source, node, key);
    if (const auto mode = parseInterlockMode(word))
        return *mode;
    refuse(source, node, key,
           "unknown interlock mode " + inQuotes(word) +
               " (none, interlock, override, toggle-override)");
}

IdleFeed readIdle(const SessionSource& source, const YAML::Node& node, const std::string& key)
{
    const std::string word = text(source, node, key);
    if (word == "floor")
        return IdleFeed::floor;
    if (word == "silence")
        return IdleFeed::silence;
    refuse(source, node, key, "unknown idle feed " + inQuotes(word) + " (floor, silence)");
}

class Reader
{
public:
    explicit Reader(SessionSource& source) : src(source) {}

    Session read(const YAML::Node& root)
    {
        if (root.IsNull())
            refuse(src, root, "session",
                   "the file holds no session (it needs name, floor, channels and booths)");
        expectMap(src, root, "session",
                  "{ name: ..., floor: ..., channels: [...], booths: [...] }");
        src.note("", lineOf(root));
        const Fields fields(src, root, "", sessionKeys);

        Session session;
        session.name = text(src, fields.require("name"), "name");
        if (const auto node = fields.findSet("sample_rate"))
            session.sampleRate = integer(src, *node, "sample_rate");
        if (const auto node = fields.findSet("block_frames"))
            session.blockFrames = integer(src, *node, "block_frames");
        session.floorLanguage = readFloor(fields.require("floor"));
        session.channels = readChannels(fields.require("channels"));
        session.booths = readBooths(fields.require("booths"));
        if (const auto node = fields.findSet("interlock_between_booths"))
            session.interlockBetweenBooths = readInterlock(src, *node, "interlock_between_booths");
        if (const auto node = fields.findSet("pivots"))
            session.pivots = readPivots(*node);
        if (const auto node = fields.findSet("audio"))
            session.audio = readAudio(*node);
        if (const auto node = fields.findSet("network"))
        {
            auto network = readNetworkSection(*node, src, session.channels);
            if (!network)
                throw Refusal{Error{network.error()}};
            session.network = std::move(*network);
        }
        if (const auto node = fields.findSet("control"))
        {
            auto control = readControlSection(*node, src);
            if (!control)
                throw Refusal{Error{control.error()}};
            session.control = std::move(*control);
        }
        return session;
    }

private:
    SessionSource& src;

    std::string readFloor(const YAML::Node& node)
    {
        expectMap(src, node, "floor", "{ language: ru }");
        const Fields fields(src, node, "floor", floorKeys);
        return text(src, fields.require("language"), "floor.language");
    }

    std::vector<ChannelSpec> readChannels(const YAML::Node& node)
    {
        expectList(src, node, "channels", "[{ id: en, language: en, name: English }]");
        std::vector<ChannelSpec> channels;
        for (const auto& item : node)
            channels.push_back(readChannel(item, itemPath("channels", channels.size())));
        return channels;
    }

    ChannelSpec readChannel(const YAML::Node& node, const std::string& path)
    {
        src.note(path, lineOf(node));
        expectMap(src, node, path, "{ id: en, language: en, name: English }");
        const Fields fields(src, node, path, channelKeys);
        ChannelSpec channel;
        channel.id = text(src, fields.require("id"), fields.pathOf("id"));
        channel.language = text(src, fields.require("language"), fields.pathOf("language"));
        // Delegates see the name; without one the id is still better than an empty line.
        channel.name = channel.id;
        if (const auto name = fields.findSet("name"))
            channel.name = text(src, *name, fields.pathOf("name"));
        if (const auto idle = fields.findSet("idle"))
            channel.idle = readIdle(src, *idle, fields.pathOf("idle"));
        return channel;
    }

    std::vector<BoothSpec> readBooths(const YAML::Node& node)
    {
        expectList(src, node, "booths", "[{ id: en, outputs: { A: en }, seats: [en-1, en-2] }]");
        std::vector<BoothSpec> booths;
        for (const auto& item : node)
            booths.push_back(readBooth(item, itemPath("booths", booths.size())));
        return booths;
    }

    BoothSpec readBooth(const YAML::Node& node, const std::string& path)
    {
        src.note(path, lineOf(node));
        expectMap(src, node, path, "{ id: en, outputs: { A: en }, seats: [en-1, en-2] }");
        const Fields fields(src, node, path, boothKeys);
        BoothSpec booth;
        booth.id = text(src, fields.require("id"), fields.pathOf("id"));
        booth.outputs = readOutputs(fields.require("outputs"), fields.pathOf("outputs"));
        if (const auto understands = fields.findSet("understands"))
            booth.understands = readLanguages(*understands, fields.pathOf("understands"));
        if (const auto interlock = fields.findSet("interlock"))
            booth.interlock = readInterlock(src, *interlock, fields.pathOf("interlock"));
        booth.seats = readSeats(fields.require("seats"), fields.pathOf("seats"));
        return booth;
    }

    std::vector<BoothOutput> readOutputs(const YAML::Node& node, const std::string& path)
    {
        expectMap(src, node, path, "{ A: kk, B: ru }");
        const Fields fields(src, node, path, outputKeys);
        std::vector<BoothOutput> outputs;
        outputs.push_back({'A', text(src, fields.require("A"), fields.pathOf("A"))});
        for (const char label : {'B', 'C'})
            if (const auto channel = fields.findSet(std::string(1, label)))
                outputs.push_back(
                    {label, text(src, *channel, fields.pathOf(std::string(1, label)))});
        return outputs;
    }

    std::vector<std::string> readLanguages(const YAML::Node& node, const std::string& path)
    {
        expectList(src, node, path, "[ru, zh]");
        std::vector<std::string> languages;
        for (const auto& item : node)
        {
            const std::string key = itemPath(path, languages.size());
            src.note(key, lineOf(item));
            languages.push_back(text(src, item, key));
        }
        return languages;
    }

    std::vector<SeatSpec> readSeats(const YAML::Node& node, const std::string& path)
    {
        expectList(src, node, path, "[{ id: en-1, spl_at_0dbfs: 110 }, en-2]");
        std::vector<SeatSpec> seats;
        for (const auto& item : node)
            seats.push_back(readSeat(item, itemPath(path, seats.size())));
        return seats;
    }

    SeatSpec readSeat(const YAML::Node& node, const std::string& path)
    {
        src.note(path, lineOf(node));
        SeatSpec seat;
        // A bare id is the common case: a seat with the default headphone calibration.
        if (node.IsScalar())
        {
            src.note(path + ".id", lineOf(node));
            seat.id = node.Scalar();
            return seat;
        }
        expectMap(src, node, path, "{ id: en-1, spl_at_0dbfs: 110 }");
        const Fields fields(src, node, path, seatKeys);
        seat.id = text(src, fields.require("id"), fields.pathOf("id"));
        if (const auto spl = fields.findSet("spl_at_0dbfs"))
            seat.splAt0dBFS = number(src, *spl, fields.pathOf("spl_at_0dbfs"));
        if (const auto remote = fields.findSet("remote"))
        {
            auto spec = readRemoteSeat(*remote, src, fields.pathOf("remote"));
            if (!spec)
                throw Refusal{Error{spec.error()}};
            seat.remote = std::move(spec.value());
        }
        return seat;
    }

    std::vector<Pivot> readPivots(const YAML::Node& node)
    {
        expectMap(src, node, "pivots", "{ hi: en, kk: ru }");
        std::vector<Pivot> pivots;
        for (const auto& [language, channel] : entriesOf(src, node, "pivots"))
            pivots.push_back({language, text(src, channel, join("pivots", language))});
        return pivots;
    }

    AudioMap readAudio(const YAML::Node& node)
    {
        expectMap(src, node, "audio", "{ host_api: JACK, inputs: { floor: 1 } }");
        const Fields fields(src, node, "audio", audioKeys);
        AudioMap audio;
        if (const auto hostApi = fields.findSet("host_api"))
            audio.hostApi = text(src, *hostApi, "audio.host_api");
        if (const auto device = fields.findSet("device"))
            audio.device = text(src, *device, "audio.device");
        if (const auto inputs = fields.findSet("inputs"))
            audio.inputs = readPorts(*inputs, "audio.inputs", "{ floor: 1, en-1: 2 }");
        if (const auto outputs = fields.findSet("outputs"))
            audio.outputs = readPorts(*outputs, "audio.outputs", "{ en-1: 1, channel:en: 3 }");
        return audio;
    }

    std::vector<AudioPort> readPorts(const YAML::Node& node, const std::string& path,
                                     std::string_view example)
    {
        expectMap(src, node, path, example);
        std::vector<AudioPort> ports;
        for (const auto& [endpoint, channel] : entriesOf(src, node, path))
            ports.push_back({endpoint, integer(src, channel, join(path, endpoint))});
        return ports;
    }
};

Error yamlError(const SessionSource& source, const YAML::Exception& error, std::string_view kind)
{
    const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
    std::string what = error.msg;
    if (!error.mark.is_null())
        what += " (column " + std::to_string(error.mark.column + 1) + ")";
    return source.refuseAtLine(line, kind, what);
}

} // namespace

Result<Session> parseSession(std::string_view yamlText, const std::string& sourceName)
{
    SessionSource source(sourceName);
    try
    {
        const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yamlText));
        if (documents.size() > 1)
            return source.refuseAtLine(lineOf(documents[1]), "session",
                                       "a session file holds one YAML document, this one has " +
                                           std::to_string(documents.size()));
        Session session = Reader(source).read(documents.empty() ? YAML::Node() : documents[0]);
        if (auto error = validateSession(session, source))
            return *error;
        return session;
    }
    catch (const Refusal& refusal)
    {
        return refusal.error;
    }
    catch (const YAML::ParserException& error)
    {
        return yamlError(source, error, "syntax error");
    }
    catch (const YAML::Exception& error)
    {
        return yamlError(source, error, "YAML");
    }
    catch (const std::exception& error)
    {
        return source.refuseAtLine(0, "session", std::string("cannot be read: ") + error.what());
    }
}

Result<Session> loadSessionFile(const std::filesystem::path& path)
{
    const std::string name = path.string();
    const auto cannotOpen = [&name](std::string_view why)
    {
        return Error{name + ": cannot open session file: " + std::string(why)};
    };
    try
    {
        std::error_code code;
        const auto status = std::filesystem::status(path, code);
        if (status.type() == std::filesystem::file_type::not_found)
            return cannotOpen("no such file");
        if (code)
            return cannotOpen(code.message());
        if (std::filesystem::is_directory(status))
            return cannotOpen("it is a directory");
        if (const auto size = std::filesystem::file_size(path, code); !code && size > maxFileBytes)
            return cannotOpen("larger than 1 MiB, not a session file");
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return cannotOpen("not readable (check permissions)");
        std::ostringstream text;
        text << in.rdbuf();
        return parseSession(text.str(), name);
    }
    catch (const std::exception& error)
    {
        return cannotOpen(error.what());
    }
}

} // namespace dragoman
