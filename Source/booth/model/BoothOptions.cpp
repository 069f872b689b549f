#include "BoothOptions.h"

#include <cstdio>
#include <cstdlib>

namespace dragoman::booth
{

const char* boothUsage()
{
    return "usage: dragoman-booth --url ws://127.0.0.1:7700/rpc --token T [--size 1024x600]\n"
           "                      [--midi DEVICE] [--midi-map mic=note:60,cough=note:61,"
           "handover=note:62]\n"
           "                      [--screenshot PATH] [--fullscreen]\n"
           "  --url, --token   default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN (a seat:<id> token)\n"
           "  --midi           a raw MIDI device of a USB desk, e.g. /dev/snd/midiC1D0\n"
           "  --midi-map       KEY=note:N or KEY=cc:N for mic, cough, handover\n"
           "  --screenshot     once connected and drawn, save the console as PNG and quit\n"
           "                   (exit 1 if the engine was not reached in 30 s)\n"
           "keys: Space or M = mic, C (hold) = cough, H = handover\n";
}

Result<BoothOptions> parseBoothOptions(const std::vector<std::string>& arguments)
{
    BoothOptions options;
    if (const char* url = std::getenv("DRAGOMAN_URL"); url != nullptr && *url != '\0')
        options.url = url;
    if (const char* token = std::getenv("DRAGOMAN_TOKEN"); token != nullptr)
        options.token = token;

    for (std::size_t i = 0; i < arguments.size(); ++i)
    {
        const auto& argument = arguments[i];
        if (argument == "--help" || argument == "-h")
        {
            options.help = true;
            continue;
        }
        if (argument == "--fullscreen")
        {
            options.fullscreen = true;
            continue;
        }
        if (argument.empty())
            continue;
        const bool takesValue = argument == "--url" || argument == "--token" ||
                                argument == "--screenshot" || argument == "--size" ||
                                argument == "--midi" || argument == "--midi-map";
        if (!takesValue)
            return Error{"unknown argument " + argument};
        if (i + 1 >= arguments.size())
            return Error{argument + " needs a value"};
        const auto& text = arguments[++i];
        if (argument == "--url")
            options.url = text;
        else if (argument == "--token")
            options.token = text;
        else if (argument == "--screenshot")
            options.screenshot = text;
        else if (argument == "--midi")
            options.midiDevice = text;
        else if (argument == "--midi-map")
        {
            auto map = MidiMap::parse(text);
            if (!map)
                return Error{map.error()};
            options.midiMap = *map;
        }
        else
        {
            int width = 0, height = 0;
            char by = 0;
            if (std::sscanf(text.c_str(), "%d%c%d", &width, &by, &height) != 3 || by != 'x' ||
                width < 800 || height < 480)
                return Error{"--size " + text + ": expected WIDTHxHEIGHT, at least 800x480"};
            options.width = width;
            options.height = height;
        }
    }
    return options;
}

} // namespace dragoman::booth
