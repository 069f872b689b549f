#include "CommandStorm.h"

#include "core/Interlock.h"

#include <array>
#include <stdexcept>

namespace dragoman::realtime
{

namespace
{
constexpr std::array<InterlockMode, 4> kModes{InterlockMode::none, InterlockMode::interlock,
                                              InterlockMode::override,
                                              InterlockMode::toggleOverride};
} // namespace

CommandStorm::CommandStorm(const Floorplan& floorplan, std::uint32_t seed)
    : plan(floorplan), random(seed)
{
}

int CommandStorm::pick(int count)
{
    return std::uniform_int_distribution<int>(0, count - 1)(random);
}

std::string CommandStorm::seat()
{
    return "seat " + plan.seatId(pick(plan.seatCount())) + " ";
}

std::string CommandStorm::decibels(int low, int high)
{
    return std::to_string(low + pick(high - low + 1));
}

std::string CommandStorm::nextLine()
{
    const auto mode = [&]
    {
        return std::string(toString(kModes[pick(4)]));
    };
    switch (pick(22))
    {
    case 0:
    case 1:
    case 2:
    case 3:
        return seat() + "mic on";
    case 4:
    case 5:
    case 6:
        return seat() + "mic off";
    case 7:
    case 8:
        return seat() + (pick(2) ? "cough on" : "cough off");
    case 9:
    case 10:
    {
        const int source = pick(plan.channelCount() + 2);
        return seat() + "listen " +
               (source == 0   ? "floor"
                : source == 1 ? "auto"
                              : plan.channelId(source - 2));
    }
    case 11:
    {
        const int s = pick(plan.seatCount());
        int slot = pick(3);
        while (plan.boothOutput(plan.seatBooth(s), slot) == kNoChannel)
            --slot; // every booth has A
        return "seat " + plan.seatId(s) + " output " + std::string(1, char('A' + slot));
    }
    case 12:
        return seat() + "volume " + decibels(-60, 12);
    case 13:
        return seat() + "bass " + decibels(-12, 12);
    case 14:
        return seat() + "treble " + decibels(-12, 12);
    case 15:
        return seat() + "sidetone " + (pick(4) == 0 ? std::string("off") : decibels(-60, 0));
    case 16:
    {
        // Mostly languages the session knows; sometimes one it does not (a guest speaker).
        const int language = pick(plan.languageCount() + 1);
        return "floor language " + (language == plan.languageCount() ? std::string("qaa")
                                                                     : plan.languageCode(language));
    }
    case 17:
        return "channel " + plan.channelId(pick(plan.channelCount())) + " idle " +
               (pick(2) ? "floor" : "silence");
    case 18:
        return "booth " + plan.boothId(pick(plan.boothCount())) + " interlock " + mode();
    case 19:
    {
        // The technician's headphone check, over every kind of source.
        const int seatIndex = pick(plan.seatCount());
        switch (pick(5))
        {
        case 0:
            return "monitor off";
        case 1:
            return "monitor floor";
        case 2:
            return "monitor channel " + plan.channelId(pick(plan.channelCount()));
        case 3:
            return "monitor seat " + plan.seatId(seatIndex);
        default:
            return "monitor mic " + plan.seatId(seatIndex);
        }
    }
    case 20:
        return seat() + "handover";
    default:
        return "interlock between " + mode();
    }
}

Command CommandStorm::next()
{
    const std::string line = nextLine();
    auto command = parseCommand(line, plan);
    if (!command)
        throw std::logic_error("CommandStorm wrote a command the desk refuses: " + command.error());
    return command.value();
}

} // namespace dragoman::realtime
