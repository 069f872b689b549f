#include "MidiMap.h"

#include <charconv>

namespace dragoman::booth
{

MidiMap::MidiMap()
{
    bindings[0] = {false, 60};
    bindings[1] = {false, 61};
    bindings[2] = {false, 62};
}

Result<MidiMap> MidiMap::parse(std::string_view text)
{
    MidiMap map;
    while (!text.empty())
    {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const auto equals = item.find('=');
        const auto colon = item.find(':');
        if (equals == std::string_view::npos || colon == std::string_view::npos || colon < equals)
            return Error{"--midi-map: '" + std::string(item) +
                         "': expected KEY=note:N or KEY=cc:N (KEY mic, cough or handover)"};
        const auto name = item.substr(0, equals);
        const auto kind = item.substr(equals + 1, colon - equals - 1);
        const auto number = item.substr(colon + 1);
        int index = name == "mic" ? 0 : name == "cough" ? 1 : name == "handover" ? 2 : -1;
        if (index < 0)
            return Error{"--midi-map: unknown key '" + std::string(name) +
                         "' (mic, cough, handover)"};
        if (kind != "note" && kind != "cc")
            return Error{"--midi-map: '" + std::string(kind) + "': expected note or cc"};
        int value = -1;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc{} || end != number.data() + number.size() || value < 0 || value > 127)
            return Error{"--midi-map: '" + std::string(number) + "': expected 0 to 127"};
        map.bindings[index] = {kind == "cc", value};
    }
    return map;
}

std::optional<MidiPress> MidiMap::translate(std::uint8_t status, std::uint8_t data1,
                                            std::uint8_t data2) const
{
    const int type = status & 0xf0;
    bool controlChange = false;
    bool down = false;
    if (type == 0x90)
        down = data2 > 0; // note-on with velocity 0 is a note-off
    else if (type == 0x80)
        down = false;
    else if (type == 0xb0)
    {
        controlChange = true;
        down = data2 >= 64;
    }
    else
        return std::nullopt;
    for (int i = 0; i < 3; ++i)
        if (bindings[i].controlChange == controlChange && bindings[i].number == data1)
            return MidiPress{static_cast<MidiKey>(i), down};
    return std::nullopt;
}

bool MidiByteParser::feed(std::uint8_t byte)
{
    if (byte >= 0xf8)
        return false; // real-time (clock, active sensing): may come between any bytes
    if (byte & 0x80)
    {
        const int type = byte & 0xf0;
        if (byte >= 0xf0)
        {
            need = 0; // system common and SysEx: not ours; also ends running status
            status = 0;
            return false;
        }
        status = byte;
        need = (type == 0xc0 || type == 0xd0) ? 1 : 2;
        have = 0;
        return false;
    }
    if (status == 0 || need == 0)
        return false;
    (have == 0 ? data1 : data2) = byte;
    if (++have < need)
        return false;
    have = 0; // running status: the next data byte starts the next message
    if (need == 1)
        data2 = 0;
    return true;
}

} // namespace dragoman::booth
