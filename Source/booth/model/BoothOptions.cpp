#include "BoothOptions.h"

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

namespace
{

Result<bool> readBoothArgument(BoothOptions& options, const std::string& argument,
                               const ui::NextValue& value)
{
    if (argument == "--fullscreen")
        options.fullscreen = true;
    else if (argument == "--no-remote-audio")
        options.remoteAudio.fromSession = false;
    else if (argument == "--midi" || argument == "--midi-map" || argument == "--remote-audio" ||
             argument == "--remote-listen" || argument == "--spl-at-0dbfs" ||
             argument == "--audio-host-api" || argument == "--audio-device")
    {
        auto given = value();
        if (!given)
            return Error{given.error()};
        const auto& text = *given;
        if (argument == "--midi")
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
        else
        {
            auto map = MidiMap::parse(text);
            if (!map)
                return Error{map.error()};
            options.midiMap = *map;
        }
    }
    else
        return false;
    return true;
}

} // namespace

Result<BoothOptions> parseBoothOptions(const std::vector<std::string>& arguments)
{
    auto options = ui::readOptions(arguments, {800, 480}, readBoothArgument);
    if (!options)
        return options;
    const auto& remote = options->remoteAudio;
    if (remote.enabled() && !remote.fromSession)
        return Error{"--no-remote-audio and --remote-audio contradict each other"};
    if (remote.engine.empty() != remote.listen.empty())
        return Error{"--remote-audio and --remote-listen go together: the seat's remote.listen "
                     "and remote.send_to"};
    return options;
}

} // namespace dragoman::booth
