#include "Command.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

namespace dragoman
{

LanguageCode toLanguageCode(std::string_view code)
{
    LanguageCode out{};
    const auto n = std::min(code.size(), out.size() - 1);
    std::copy_n(code.begin(), n, out.begin());
    return out;
}

std::string_view toStringView(const LanguageCode& code)
{
    return {code.data(),
            static_cast<std::size_t>(std::find(code.begin(), code.end(), '\0') - code.begin())};
}

namespace
{

std::vector<std::string_view> splitWords(std::string_view line)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size())
    {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        const auto start = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        if (i > start)
            words.push_back(line.substr(start, i - start));
    }
    return words;
}

Error fail(std::string_view line, const std::string& why)
{
    return Error{"'" + std::string(line) + "': " + why};
}

std::optional<bool> parseOnOff(std::string_view word)
{
    if (word == "on")
        return true;
    if (word == "off")
        return false;
    return std::nullopt;
}

std::optional<float> parseDecibels(std::string_view word)
{
    float value = 0.0f;
    const auto* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(word.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string channelList(const Floorplan& plan)
{
    std::string list;
    for (int c = 0; c < plan.channelCount(); ++c)
        list += (c ? ", " : "") + plan.channelId(c);
    return list;
}

Result<Command> parseSeatCommand(std::string_view line, const std::vector<std::string_view>& words,
                                 const Floorplan& plan)
{
    if (words.size() == 3 && words[2] == "handover")
    {
        const auto seat = plan.seatIndex(words[1]);
        if (!seat)
            return fail(line, "unknown seat '" + std::string(words[1]) + "'");
        Command command;
        command.kind = CommandKind::seatHandover;
        command.target = static_cast<std::int16_t>(*seat);
        return command;
    }
    if (words.size() != 4)
        return fail(line,
                    "expected 'seat ID mic|cough|listen|output|volume|bass|treble|sidetone VALUE' "
                    "or 'seat ID handover'");
    const auto seat = plan.seatIndex(words[1]);
    if (!seat)
        return fail(line, "unknown seat '" + std::string(words[1]) + "'");
    Command command;
    command.target = static_cast<std::int16_t>(*seat);
    const auto what = words[2];
    const auto arg = words[3];

    if (what == "mic" || what == "cough")
    {
        const auto flag = parseOnOff(arg);
        if (!flag)
            return fail(line, "expected on or off");
        command.kind = what == "mic" ? CommandKind::seatMic : CommandKind::seatCough;
        command.value = *flag;
        return command;
    }
    if (what == "listen")
    {
        command.kind = CommandKind::seatListen;
        if (arg == "floor")
            command.value = kFloor;
        else if (arg == "auto")
            command.value = kAuto;
        else if (const auto channel = plan.channelIndex(arg))
            command.value = static_cast<std::int16_t>(*channel);
        else
            return fail(line, "expected floor, auto or a channel (" + channelList(plan) + ")");
        return command;
    }
    if (what == "output")
    {
        const int slot = arg.size() == 1 ? arg[0] - 'A' : -1;
        if (slot < 0 || slot >= kMaxOutputs)
            return fail(line, "expected output A, B or C");
        if (plan.boothOutput(plan.seatBooth(*seat), slot) == kNoChannel)
            return fail(line, "booth " + plan.boothId(plan.seatBooth(*seat)) + " has no output " +
                                  std::string(arg));
        command.kind = CommandKind::seatOutput;
        command.value = static_cast<std::int16_t>(slot);
        return command;
    }

    struct Level
    {
        std::string_view word;
        CommandKind kind;
        float min, max;
    };
    static constexpr Level levels[] = {
        {"volume", CommandKind::seatVolume, kVolumeMinDb, kVolumeMaxDb},
        {"bass", CommandKind::seatBass, -kToneRangeDb, kToneRangeDb},
        {"treble", CommandKind::seatTreble, -kToneRangeDb, kToneRangeDb},
        {"sidetone", CommandKind::seatSidetone, kVolumeMinDb, kSidetoneMaxDb},
    };
    for (const auto& level : levels)
    {
        if (what != level.word)
            continue;
        command.kind = level.kind;
        if (level.kind == CommandKind::seatSidetone && arg == "off")
        {
            command.decibels = -std::numeric_limits<float>::infinity();
            return command;
        }
        const auto db = parseDecibels(arg);
        if (!db || *db < level.min || *db > level.max)
        {
            std::ostringstream why;
            why << "expected " << level.word << " in dB from " << level.min << " to " << level.max
                << (level.kind == CommandKind::seatSidetone ? ", or off" : "");
            return fail(line, why.str());
        }
        command.decibels = *db;
        return command;
    }
    return fail(line, "unknown seat control '" + std::string(what) +
                          "' (mic, cough, listen, output, volume, bass, treble, sidetone)");
}

bool isLanguageCode(std::string_view code)
{
    const auto base = code.substr(0, code.find('-'));
    return base.size() >= 2 && base.size() <= 3 && code.size() < LanguageCode{}.size() &&
           std::all_of(code.begin(), code.end(),
                       [](char c)
                       { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Result<Command> parseMode(std::string_view line, std::string_view word, Command command)
{
    const auto mode = parseInterlockMode(word);
    if (!mode)
        return fail(line, "expected interlock mode none, interlock, override or toggle-override");
    command.value = static_cast<std::int16_t>(*mode);
    return command;
}

// `what` is off, floor, channel, seat or mic; `id` names the channel or seat (empty for off and
// floor). The error is the reason alone: the callers add the command or the control API's word.
Result<MonitorSource> resolveMonitor(std::string_view what, std::optional<std::string_view> id,
                                     const Floorplan& plan)
{
    const bool wantsId = what == "channel" || what == "seat" || what == "mic";
    if (what == "off" || what == "floor")
    {
        if (id)
            return Error{"monitor " + std::string(what) + " takes no id"};
        return MonitorSource{what == "off" ? MonitorTarget::off : MonitorTarget::floor, 0};
    }
    if (!wantsId)
        return Error{"unknown monitor source '" + std::string(what) +
                     "' (off, floor, channel ID, seat ID, mic ID)"};
    if (!id || id->empty())
        return Error{"monitor " + std::string(what) + " needs an id"};
    if (what == "channel")
    {
        if (*id == "floor")
            return MonitorSource{MonitorTarget::floor, 0};
        if (const auto channel = plan.channelIndex(*id))
            return MonitorSource{MonitorTarget::channel, *channel};
        return Error{"unknown channel '" + std::string(*id) + "' (floor, " + channelList(plan) +
                     ")"};
    }
    const auto seat = plan.seatIndex(*id);
    if (!seat)
        return Error{"unknown seat '" + std::string(*id) + "'"};
    return MonitorSource{what == "seat" ? MonitorTarget::seat : MonitorTarget::mic, *seat};
}

Result<Command> parseMonitorCommand(std::string_view line,
                                    const std::vector<std::string_view>& words,
                                    const Floorplan& plan)
{
    if (words.size() < 2 || words.size() > 3)
        return fail(line, "expected 'monitor off|floor' or 'monitor channel|seat|mic ID'");
    const auto id = words.size() == 3 ? std::optional(words[2]) : std::nullopt;
    const auto source = resolveMonitor(words[1], id, plan);
    if (!source)
        return fail(line, source.error());
    Command command;
    command.kind = CommandKind::monitor;
    command.target = static_cast<std::int16_t>(source->target);
    command.value = static_cast<std::int16_t>(source->index);
    return command;
}

} // namespace

std::string monitorSourceName(MonitorSource source, const Floorplan& plan)
{
    switch (source.target)
    {
    case MonitorTarget::off:
        return "off";
    case MonitorTarget::floor:
        return "floor";
    case MonitorTarget::channel:
        return "channel:" + plan.channelId(source.index);
    case MonitorTarget::seat:
        return "seat:" + plan.seatId(source.index);
    case MonitorTarget::mic:
        return "mic:" + plan.seatId(source.index);
    }
    return "off";
}

Result<MonitorSource> parseMonitorSource(std::string_view name, const Floorplan& plan)
{
    const auto colon = name.find(':');
    if (colon == std::string_view::npos)
        return resolveMonitor(name, std::nullopt, plan);
    return resolveMonitor(name.substr(0, colon), name.substr(colon + 1), plan);
}

Result<Command> parseCommand(std::string_view line, const Floorplan& plan)
{
    const auto words = splitWords(line);
    if (words.empty())
        return fail(line, "empty command");
    const auto head = words[0];
    if (head == "seat")
        return parseSeatCommand(line, words, plan);

    Command command;
    if (head == "floor")
    {
        if (words.size() != 3 || words[1] != "language")
            return fail(line, "expected 'floor language LANG'");
        if (!isLanguageCode(words[2]))
            return fail(line,
                        "'" + std::string(words[2]) + "' is not a language code such as en or zh");
        command.kind = CommandKind::floorLanguage;
        command.value = static_cast<std::int16_t>(plan.languageIndex(words[2]));
        command.language = toLanguageCode(words[2]);
        return command;
    }
    if (head == "channel")
    {
        if (words.size() != 4 || words[2] != "idle")
            return fail(line, "expected 'channel ID idle floor|silence'");
        const auto channel = plan.channelIndex(words[1]);
        if (!channel)
            return fail(line, "unknown channel '" + std::string(words[1]) + "' (" +
                                  channelList(plan) + ")");
        if (words[3] != "floor" && words[3] != "silence")
            return fail(line, "expected idle floor or silence");
        command.kind = CommandKind::channelIdle;
        command.target = static_cast<std::int16_t>(*channel);
        command.value = words[3] == "floor";
        return command;
    }
    if (head == "booth")
    {
        if (words.size() != 4 || words[2] != "interlock")
            return fail(line, "expected 'booth ID interlock MODE'");
        const auto booth = plan.boothIndex(words[1]);
        if (!booth)
            return fail(line, "unknown booth '" + std::string(words[1]) + "'");
        command.kind = CommandKind::boothInterlock;
        command.target = static_cast<std::int16_t>(*booth);
        return parseMode(line, words[3], command);
    }
    if (head == "monitor")
        return parseMonitorCommand(line, words, plan);
    if (head == "interlock")
    {
        if (words.size() != 3 || words[1] != "between")
            return fail(line, "expected 'interlock between MODE'");
        command.kind = CommandKind::interlockBetween;
        return parseMode(line, words[2], command);
    }
    return fail(line, "unknown command '" + std::string(head) +
                          "' (seat, floor, channel, booth, interlock, monitor)");
}

std::string describe(const Command& command, const Floorplan& plan)
{
    std::ostringstream out;
    const auto seat = [&]
    {
        return "seat " + plan.seatId(command.target) + " ";
    };
    switch (command.kind)
    {
    case CommandKind::seatMic:
        out << seat() << "mic " << (command.value ? "on" : "off");
        break;
    case CommandKind::seatCough:
        out << seat() << "cough " << (command.value ? "on" : "off");
        break;
    case CommandKind::seatHandover:
        out << seat() << "handover";
        break;
    case CommandKind::seatListen:
        out << seat() << "listen "
            << (command.value == kAuto ? std::string("auto") : plan.channelId(command.value));
        break;
    case CommandKind::seatOutput:
        out << seat() << "output " << static_cast<char>('A' + command.value);
        break;
    case CommandKind::seatVolume:
        out << seat() << "volume " << command.decibels;
        break;
    case CommandKind::seatBass:
        out << seat() << "bass " << command.decibels;
        break;
    case CommandKind::seatTreble:
        out << seat() << "treble " << command.decibels;
        break;
    case CommandKind::seatSidetone:
        out << seat() << "sidetone ";
        if (std::isinf(command.decibels))
            out << "off";
        else
            out << command.decibels;
        break;
    case CommandKind::floorLanguage:
        out << "floor language " << toStringView(command.language);
        break;
    case CommandKind::channelIdle:
        out << "channel " << plan.channelId(command.target) << " idle "
            << (command.value ? "floor" : "silence");
        break;
    case CommandKind::boothInterlock:
        out << "booth " << plan.boothId(command.target) << " interlock "
            << toString(static_cast<InterlockMode>(command.value));
        break;
    case CommandKind::interlockBetween:
        out << "interlock between " << toString(static_cast<InterlockMode>(command.value));
        break;
    case CommandKind::monitor:
    {
        auto name =
            monitorSourceName({static_cast<MonitorTarget>(command.target), command.value}, plan);
        if (const auto colon = name.find(':'); colon != std::string::npos)
            name[colon] = ' '; // the control API says channel:en, scripts say channel en
        out << "monitor " << name;
        break;
    }
    }
    return out.str();
}

} // namespace dragoman
