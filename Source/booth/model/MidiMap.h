#pragma once
// Which MIDI controller buttons press which booth keys. USB desks send a note (or a control
// change) per button: note-on / CC >= 64 presses, note-off / CC < 64 (or note-on velocity 0)
// releases, so a held button holds the cough like the key does.
// Defaults (documented in README): note 60 = mic, 61 = cough, 62 = handover, on any channel.
// `--midi-map mic=note:36,cough=cc:64,handover=note:38` changes them.
// Any thread (pure); the MIDI reader runs it on its own thread and posts the result.

#include "core/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dragoman::booth
{

enum class MidiKey
{
    mic,
    cough,
    handover
};

struct MidiPress
{
    MidiKey key;
    bool down; // pressed (true) or released
};

struct MidiBinding
{
    bool controlChange = false; // false: a note
    int number = 60;
};

class MidiMap
{
public:
    MidiMap();
    static Result<MidiMap> parse(std::string_view text);

    const MidiBinding& binding(MidiKey key) const { return bindings[static_cast<int>(key)]; }
    // A three-byte channel message: status, data1, data2.
    std::optional<MidiPress> translate(std::uint8_t status, std::uint8_t data1,
                                       std::uint8_t data2) const;

private:
    MidiBinding bindings[3];
};

// Splits a raw MIDI byte stream (running status, real-time bytes between) into three-byte
// channel messages for MidiMap::translate. One per input, on the reader's thread.
class MidiByteParser
{
public:
    // Returns true when `byte` completed a message, now in status/data1/data2.
    bool feed(std::uint8_t byte);
    std::uint8_t status = 0, data1 = 0, data2 = 0;

private:
    int have = 0;
    int need = 0;
};

} // namespace dragoman::booth
