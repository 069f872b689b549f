#pragma once
// Who holds which channel, and why: microphones and interlock, cough, output selection, listen
// sources with auto-relay, floor pass-through, idle feeds and relay depth. The desk is pure logic
// over arrays sized once from the floorplan; it knows nothing of audio, so every rule can be
// tested by feeding it commands and reading its answers.
//
// Threads: the constructor runs on the control thread (allocates). apply() and every getter run
// on one thread at a time, the audio thread in the engine; they never allocate, lock or wait.

#include "EventSink.h"
#include "RelayGraph.h"
#include "core/Command.h"
#include "core/Floorplan.h"
#include "core/Realtime.h"

#include <cstdint>
#include <vector>

namespace dragoman
{

class RoutingDesk
{
public:
    explicit RoutingDesk(const Floorplan& plan);

    // Applies one command at engine time `frame`; every consequence goes to `sink`.
    void apply(const Command& command, std::int64_t frame,
               EventSink& sink) noexcept DRAGOMAN_NONBLOCKING;

    // Bumped by every change, so that the audio path only retargets ramps when something moved.
    std::uint32_t revision() const noexcept DRAGOMAN_NONBLOCKING { return changes; }

    // Seat state. "Live" means the seat's microphone holds its output channel (it may be
    // coughing); a suspended seat wants the channel but waits behind a toggle-override.
    bool seatLive(int seat) const noexcept DRAGOMAN_NONBLOCKING { return seats[seat].live; }
    bool seatSuspended(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].suspendedBy >= 0;
    }
    bool seatCoughing(int seat) const noexcept DRAGOMAN_NONBLOCKING { return seats[seat].cough; }
    bool seatOnAir(int seat) const noexcept DRAGOMAN_NONBLOCKING;
    int seatOutputSlot(int seat) const noexcept DRAGOMAN_NONBLOCKING { return seats[seat].slot; }
    int seatChannel(int seat) const noexcept DRAGOMAN_NONBLOCKING;
    int seatListenSetting(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].listen;
    }
    int seatSource(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].source;
    } // kFloor or a channel
    float seatVolumeDb(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].volumeDb;
    }
    float seatBassDb(int seat) const noexcept DRAGOMAN_NONBLOCKING { return seats[seat].bassDb; }
    float seatTrebleDb(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].trebleDb;
    }
    float seatSidetoneDb(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].sidetoneDb;
    }

    // Channel state.
    bool channelPassesFloor(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return channels[channel].passThrough;
    }
    bool channelIdleFloor(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return channels[channel].idleFloor;
    }
    int channelHolder(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return channels[channel].holder;
    }
    int channelHolderCount(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return channels[channel].holders;
    }
    // What the channel carries when nobody is on air: the floor (pass-through or idle floor).
    bool channelCarriesFloor(int channel) const noexcept DRAGOMAN_NONBLOCKING;
    int channelDepth(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return relay.depth(channel);
    }
    bool relayCycle() const noexcept DRAGOMAN_NONBLOCKING { return relay.hasCycle(); }

    int floorLanguage() const noexcept DRAGOMAN_NONBLOCKING { return floorLanguageIndex; }
    const LanguageCode& floorLanguageCode() const noexcept DRAGOMAN_NONBLOCKING
    {
        return floorCode;
    }
    InterlockMode boothInterlock(int booth) const noexcept DRAGOMAN_NONBLOCKING
    {
        return boothModes[booth];
    }
    InterlockMode interlockBetweenBooths() const noexcept DRAGOMAN_NONBLOCKING
    {
        return betweenMode;
    }

private:
    struct Seat
    {
        bool live = false;
        bool cough = false;
        int suspendedBy = -1;
        int slot = 0;
        int listen = kAuto;
        int source = kFloor;
        float volumeDb = 0.0f;
        float bassDb = 0.0f;
        float trebleDb = 0.0f;
        float sidetoneDb;
    };
    struct Channel
    {
        bool idleFloor = true;
        bool passThrough = false;
        int holder = -1;
        int holders = 0;
    };
    struct Context
    {
        std::int64_t frame;
        EventSink& sink;
    };

    void micOn(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING;
    void micOff(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING;
    // Atomic handover: in one apply() the seat goes live on its channel and the booth partner
    // live on that channel goes off, whatever the interlock mode, so that the channel is never
    // left with both or neither. Refused (noPartnerLive) when no partner holds the channel:
    // handing over from nobody is a plain mic-on, which the interpreter should press knowingly.
    void handover(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING;
    void changeOutput(int seat, int slot, Context& context) noexcept DRAGOMAN_NONBLOCKING;
    // Who stands in the way of `seat` going live on `channel`; returns false and reports when an
    // interlock refuses, otherwise cuts or suspends the others as their modes say.
    bool claim(int seat, int channel, EventKind refusedKind,
               Context& context) noexcept DRAGOMAN_NONBLOCKING;
    void resumeWaitingSeats(Context& context) noexcept DRAGOMAN_NONBLOCKING;
    void refresh(Context& context) noexcept DRAGOMAN_NONBLOCKING;
    int resolveSource(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING;
    void emit(Context& context, Event event) noexcept DRAGOMAN_NONBLOCKING;
    Event seatEvent(EventKind kind, int seat) const noexcept DRAGOMAN_NONBLOCKING;

    const Floorplan& plan;
    std::vector<Seat> seats;
    std::vector<Channel> channels;
    std::vector<InterlockMode> boothModes;
    std::vector<bool> boothWarnedNoPivot;
    InterlockMode betweenMode;
    int floorLanguageIndex = 0;
    LanguageCode floorCode{};
    RelayGraph relay;
    std::uint32_t changes = 0;
};

} // namespace dragoman
