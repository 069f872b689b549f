#pragma once
// A USB desk's buttons through the kernel's raw MIDI device (/dev/snd/midiCxDy): read on a
// thread of its own, parsed and mapped by MidiMap, posted to the message thread as key presses.
// Raw MIDI rather than juce::MidiInput because the shared JUCE library (Modules/ui) carries no
// audio-device module, and a class-compliant USB desk needs nothing more than its bytes.
// Construction and destruction: message thread. `onPress` runs on the message thread.

#include "model/MidiMap.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace dragoman::booth
{

class MidiInputReader
{
public:
    MidiInputReader(std::string device, MidiMap map, std::function<void(MidiPress)> onPress);
    ~MidiInputReader(); // stops and joins

    // Empty when the device opened; otherwise why not (the console runs without MIDI then).
    const std::string& error() const { return openError; }

private:
    void run();

    std::string device;
    MidiMap map;
    std::function<void(MidiPress)> onPress;
    int fd = -1;
    std::string openError;
    std::atomic<bool> running{true};
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    std::thread thread;
};

} // namespace dragoman::booth
