#include "control/CommandMethods.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace dragoman::control
{

namespace
{

// One word of a command line: what the engine's parser would split on must not be inside it,
// or params could smuggle extra words into the line.
Result<std::string> word(const nlohmann::json& params, const char* key, const char* accepted)
{
    const auto found = params.find(key);
    if (found == params.end() || !found->is_string())
        return Error{std::string(key) + ": expected " + accepted};
    const std::string value = found->get<std::string>();
    if (value.empty() || value.size() > 64 ||
        std::any_of(value.begin(), value.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= ' '; }))
        return Error{std::string(key) + ": expected " + accepted + " (one word)"};
    return value;
}

Result<std::string> decibels(const nlohmann::json& params, bool nullMeansOff)
{
    const auto found = params.find("db");
    if (found != params.end() && found->is_null() && nullMeansOff)
        return std::string("off");
    if (found == params.end() || !found->is_number())
        return Error{nullMeansOff ? "db: expected a number of dB, or null for off"
                                  : "db: expected a number of dB"};
    const double db = found->get<double>();
    if (!std::isfinite(db))
        return Error{"db: expected a finite number"};
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, db);
    return std::string(text, end);
}

Result<std::string> flag(const nlohmann::json& params, const char* key)
{
    const auto found = params.find(key);
    if (found == params.end() || !found->is_boolean())
        return Error{std::string(key) + ": expected true or false"};
    return std::string(found->get<bool>() ? "on" : "off");
}

} // namespace

const std::vector<std::string_view>& commandMethods()
{
    static const std::vector<std::string_view> methods{
        "seat.mic",     "seat.cough",      "seat.handover",     "seat.listen",   "seat.output",
        "seat.volume",  "seat.bass",       "seat.treble",       "seat.sidetone", "floor.language",
        "channel.idle", "booth.interlock", "interlock.between", "monitor.set",   "command"};
    return methods;
}

bool isCommandMethod(std::string_view method)
{
    const auto& methods = commandMethods();
    return std::find(methods.begin(), methods.end(), method) != methods.end();
}

bool isSeatMethod(std::string_view method)
{
    return method.starts_with("seat.") && isCommandMethod(method);
}

Result<std::string> commandLine(std::string_view method, const nlohmann::json& params)
{
    const auto join = [](std::initializer_list<const Result<std::string>*> parts,
                         std::initializer_list<std::string_view> words) -> Result<std::string>
    {
        for (const auto* part : parts)
            if (!*part)
                return Error{part->error()};
        // words: literal words with "" standing for the next part, in order.
        std::string line;
        auto next = parts.begin();
        for (const auto w : words)
        {
            if (!line.empty())
                line += ' ';
            line += w.empty() ? (*next++)->value() : std::string(w);
        }
        return line;
    };

    if (method == "command")
    {
        const auto found = params.find("line");
        if (found == params.end() || !found->is_string() || found->get<std::string>().empty())
            return Error{"line: expected a command line such as 'seat en-1 mic on'"};
        const std::string line = found->get<std::string>();
        if (line.size() > 256 || line.find('\n') != std::string::npos)
            return Error{"line: one command line of at most 256 characters"};
        return line;
    }
    if (method.starts_with("seat."))
    {
        const auto seat = word(params, "seat", "a seat id such as \"en-1\"");
        const std::string control(method.substr(5));
        if (control == "mic" || control == "cough")
        {
            const auto on = flag(params, "on");
            return join({&seat, &on}, {"seat", "", control, ""});
        }
        if (control == "handover") // the booth partner live on the channel hands it over
            return join({&seat}, {"seat", "", "handover"});
        if (control == "listen")
        {
            const auto source = word(params, "source", "floor, auto or a channel id");
            return join({&seat, &source}, {"seat", "", "listen", ""});
        }
        if (control == "output")
        {
            const auto output = word(params, "output", "A, B or C");
            return join({&seat, &output}, {"seat", "", "output", ""});
        }
        if (control == "volume" || control == "bass" || control == "treble" ||
            control == "sidetone")
        {
            const auto db = decibels(params, control == "sidetone");
            return join({&seat, &db}, {"seat", "", control, ""});
        }
    }
    if (method == "floor.language")
    {
        const auto language = word(params, "language", "a language code such as \"en\"");
        return join({&language}, {"floor", "language", ""});
    }
    if (method == "channel.idle")
    {
        const auto channel = word(params, "channel", "a channel id");
        const auto idle = word(params, "idle", "floor or silence");
        return join({&channel, &idle}, {"channel", "", "idle", ""});
    }
    if (method == "booth.interlock")
    {
        const auto booth = word(params, "booth", "a booth id");
        const auto mode = word(params, "mode", "none, interlock, override or toggle-override");
        return join({&booth, &mode}, {"booth", "", "interlock", ""});
    }
    if (method == "interlock.between")
    {
        const auto mode = word(params, "mode", "none, interlock, override or toggle-override");
        return join({&mode}, {"interlock", "between", ""});
    }
    if (method == "monitor.set")
    {
        const auto source = word(params, "source", "off, floor, channel:ID, seat:ID or mic:ID");
        if (!source)
            return Error{source.error()};
        const std::string& value = source.value();
        const auto colon = value.find(':');
        if (colon == std::string::npos)
            return "monitor " + value;
        return "monitor " + value.substr(0, colon) + " " + value.substr(colon + 1);
    }
    return Error{"no command for method '" + std::string(method) + "'"};
}

} // namespace dragoman::control
