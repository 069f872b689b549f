#pragma once
// The booth console's command line:
//   dragoman-booth --url ws://127.0.0.1:7700/rpc --token T [--size 1024x600]
//                  [--midi /dev/snd/midiC1D0] [--midi-map mic=note:60,...]
//                  [--screenshot PATH] [--fullscreen]
//                  [--remote-audio ENGINE:PORT --remote-listen ADDR:PORT | --no-remote-audio]
//                  [--spl-at-0dbfs DB] [--audio-host-api NAME] [--audio-device NAME]
// URL and token default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN.
// Any thread (pure parsing).

#include "core/Result.h"
#include "model/MidiMap.h"
#include "ui/options/CommonOptions.h"

#include <string>
#include <vector>

namespace dragoman::booth
{

// A remote seat's audio, carried by the console itself (as `dragoman seat` does): the seat's
// `remote.listen` and `remote.send_to`, and the headset's calibration. Given on the command line,
// or, by default, taken from the engine's state once the seat is known to be remote
// (RemoteAudioPlan.h).
struct RemoteAudioOptions
{
    std::string engine; // ADDR:PORT the engine takes this seat's microphone on; empty: on site
    std::string listen; // ADDR:PORT the engine sends the seat's feed to
    double splAt0dBFS = 110.0;
    bool splGiven = false;       // --spl-at-0dbfs: this headset, not the session's seat calibration
    bool fromSession = true;     // false: --no-remote-audio (a second console for the same seat)
    std::string hostApi, device; // PortAudio names (substrings); empty: the defaults
    bool enabled() const { return !engine.empty(); }
};

struct BoothOptions : ui::CommonOptions
{
    BoothOptions() : CommonOptions(1024, 600) {}

    std::string midiDevice; // a raw MIDI device (USB desk), e.g. /dev/snd/midiC1D0
    MidiMap midiMap;
    RemoteAudioOptions remoteAudio;
    bool fullscreen = false;
};

Result<BoothOptions> parseBoothOptions(const std::vector<std::string>& arguments);
const char* boothUsage();

} // namespace dragoman::booth
