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
           "                      [--remote-audio ENGINE:PORT --remote-listen ADDR:PORT |"
           " --no-remote-audio]\n"
           "                      [--spl-at-0dbfs DB] [--audio-host-api NAME] "
           "[--audio-device NAME]\n"
           "  --url, --token   default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN (a seat:<id> token)\n"
           "  --midi           a raw MIDI device of a USB desk, e.g. /dev/snd/midiC1D0\n"
           "  --midi-map       KEY=note:N or KEY=cc:N for mic, cough, handover\n"
           "  --screenshot     once connected and drawn, save the console as PNG and quit\n"
           "                   (exit 1 if the engine was not reached in 30 s)\n"
           "  --remote-audio   a remote seat: send the microphone to the seat's remote.listen\n"
           "  --remote-listen  and play the feed arriving here (the seat's remote.send_to);\n"
           "                   without them, a seat the session marks remote starts its audio\n"
           "                   from the engine's state\n"
           "  --no-remote-audio  a remote seat's console without its audio (another console\n"
           "                   carries it)\n"
           "  --spl-at-0dbfs   dB SPL of a full-scale sine in this headset (the limiter's\n"
           "                   calibration; default: the session's for the seat)\n"
           "  --audio-host-api, --audio-device  PortAudio's names for the headset (JACK: client\n"
           "                   dragoman-booth, ports in_0 and out_0)\n"
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
        if (argument == "--no-remote-audio")
        {
            options.remoteAudio.fromSession = false;
            continue;
        }
        if (argument.empty())
            continue;
        const bool takesValue = argument == "--url" || argument == "--token" ||
                                argument == "--screenshot" || argument == "--size" ||
                                argument == "--midi" || argument == "--midi-map" ||
                                argument == "--remote-audio" || argument == "--remote-listen" ||
                                argument == "--spl-at-0dbfs" || argument == "--audio-host-api" ||
                                argument == "--audio-device";
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
        else if (argument == "--remote-audio")
            options.remoteAudio.engine = text;
        else if (argument == "--remote-listen")
            options.remoteAudio.listen = text;
        else if (argument == "--audio-host-api")
            options.remoteAudio.hostApi = text;
        else if (argument == "--audio-device")
            options.remoteAudio.device = text;
        else if (argument == "--spl-at-0dbfs")
        {
            char* end = nullptr;
            const double spl = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !(spl >= 80.0 && spl <= 140.0))
                return Error{"--spl-at-0dbfs " + text + ": from 80 to 140 dB SPL"};
            options.remoteAudio.splAt0dBFS = spl;
            options.remoteAudio.splGiven = true;
        }
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
    if (options.remoteAudio.enabled() && !options.remoteAudio.fromSession)
        return Error{"--no-remote-audio and --remote-audio contradict each other"};
    if (options.remoteAudio.engine.empty() != options.remoteAudio.listen.empty())
        return Error{"--remote-audio and --remote-listen go together: the seat's remote.listen "
                     "and remote.send_to"};
    return options;
}

} // namespace dragoman::booth
