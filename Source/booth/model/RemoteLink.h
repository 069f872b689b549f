#pragma once
// The health of a remote seat's audio link as the console shows it: whether the engine's feed
// arrives, how much of it is lost, the network's jitter and the jitter buffer's delay, and what
// the interpreter's own hearing-protection limiter is doing. RemoteLinkMeter turns the cumulative
// counters read twice a second from the seat's audio (Modules/seatlink's RemoteSeatAudio) into
// these figures over the last reading, so a burst of loss shows now and clears once it is over.
// Pure: no JUCE, no network, no audio. Message thread only.

#include <cstdint>

namespace dragoman::booth
{

// One reading of the seat's audio, cumulative since it started (copied from RemoteSeatAudioStats).
struct RemoteAudioCounters
{
    std::uint64_t micPackets = 0;    // sent to the engine
    std::uint64_t feedDatagrams = 0; // arrived from the engine
    std::uint64_t feedReceived = 0;  // the feed's packets received, and its frames lost
    std::uint64_t feedLost = 0;
    double jitterMs = 0.0, bufferDelayMs = 0.0;
    float limiterReductionDb = 0.0f; // the largest since the previous reading, >= 0
    double leqSpl = 0.0;
    bool exposureWarning = false;
    bool audioRunning = true; // false once the sound card's stream stopped by itself
};

struct RemoteLinkView
{
    bool active = false;    // this console carries the seat's audio
    bool receiving = false; // the engine's feed arrived since the previous reading
    bool sending = false;   // the microphone left since the previous reading
    bool audioRunning = false;
    double lossPercent = 0.0; // of the feed, over the last reading
    double jitterMs = 0.0, bufferDelayMs = 0.0;
    double limiterReductionDb = 0.0; // the headset's limiter, >= 0, as the engine's limiter_db
    double leqSpl = 0.0;
    bool exposureWarning = false;

    bool healthy() const { return audioRunning && receiving && sending && lossPercent < 5.0; }
    bool operator==(const RemoteLinkView&) const = default;
};

class RemoteLinkMeter
{
public:
    RemoteLinkView update(const RemoteAudioCounters& now);

private:
    RemoteAudioCounters previous;
    bool first = true;
};

} // namespace dragoman::booth
