#pragma once
// What the delegate hears: one ReceiverPipeline per channel, the selected one played, and a
// channel switch crossfaded (5 ms) from the old channel to the new one as soon as the new one
// plays, so that a switch neither clicks nor leaves a gap.
//
// Datagrams come from the network thread through inbox() (lock-free, fixed-size items); only
// the playing and the incoming channel's datagrams are pushed into their pipelines, the rest are
// dropped, so a channel starts afresh each time it is chosen.
//
// Threads:
// - Construction and destruction: control thread (allocates every pipeline and buffer).
// - render(): the audio thread (PortAudio callback, or the WAV writer's timer thread). Never
//   allocates, locks or waits.
// - inbox().push(): the network thread (one producer).
// - requestChannel(): any thread (an atomic store); takes effect at the next render().
// - requestedChannel(): any thread (an atomic load): the channel chosen last, which the receiver
//   reports on in RTCP.
// - nextSnapshot(), nextSwitch(): the control thread (one consumer each).

#include "core/Realtime.h"
#include "core/SpscQueue.h"
#include "receive/Datagram.h"
#include "receive/ReceiverPipeline.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace dragoman
{

struct ChannelDatagram
{
    int channel = -1;
    Datagram datagram;
};

// The audio thread's state, published every ~100 ms for the stats file and status line.
struct PlayerSnapshot
{
    ReceiverStats stats; // of the channel playing
    int channel = -1;
    Nanoseconds at{0}; // the render() time it was taken at
    std::uint64_t frames = 0;
    std::uint64_t switches = 0;
    // Streams the playing channel began since it was selected: the first, then one per SSRC
    // change or sender restart. (stats.streams also counts earlier selections of the channel.)
    std::uint64_t streamsSinceSelected = 0;
};

struct SwitchReport
{
    int from = -1;
    int to = -1;
    std::uint64_t requestFrame = 0; // output frame at which render() saw the request
    std::uint64_t fadeFrame = 0;    // output frame at which the crossfade to `to` began
    double milliseconds = 0.0;      // from requestChannel() to the crossfade's start
};

class ChannelPlayer
{
public:
    static constexpr int fadeFrames = 240; // 5 ms at 48 kHz: no click, nothing audible lost
    // A channel that does not start playing in this time is switched to anyway (silence): the
    // delegate must hear that it is dead rather than stay on the old one.
    static constexpr double giveUpSeconds = 1.0;

    ChannelPlayer(const std::vector<int>& payloadTypes, int initialChannel, int maxBlockFrames);

    SpscQueue<ChannelDatagram>& inbox() noexcept { return queue; }

    void requestChannel(int channel, Nanoseconds now) noexcept;
    int requestedChannel() const noexcept { return requested.load(std::memory_order_relaxed); }

    void render(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    bool nextSnapshot(PlayerSnapshot& snapshot) noexcept { return snapshots.pop(snapshot); }
    bool nextSwitch(SwitchReport& report) noexcept { return switches.pop(report); }
    std::uint64_t droppedDatagrams() const noexcept
    {
        return dropped.load(std::memory_order_relaxed);
    }
    // Network thread: counts a datagram the full inbox refused.
    void noteDropped() noexcept { dropped.fetch_add(1, std::memory_order_relaxed); }

private:
    void drainInbox() noexcept DRAGOMAN_NONBLOCKING;
    void takeRequest(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;
    void publish(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    std::vector<std::unique_ptr<ReceiverPipeline>> pipelines;
    SpscQueue<ChannelDatagram> queue;
    SpscQueue<PlayerSnapshot> snapshots;
    SpscQueue<SwitchReport> switches;
    std::unique_ptr<float[]> incomingAudio; // the incoming channel's block during a switch
    int maxBlock;

    std::atomic<int> requested;
    std::atomic<std::int64_t> requestedAt{0}; // nanoseconds
    std::atomic<std::uint64_t> dropped{0};

    // Audio thread only.
    int active;
    int incoming = -1;
    std::uint64_t incomingStreamsAtSelection = 0;
    bool incomingPlaying = false;
    int fadePosition = -1; // -1: no crossfade running
    SwitchReport pendingReport;
    Nanoseconds incomingSince{0};
    std::uint64_t framesOut = 0;
    std::uint64_t switchCount = 0;
    std::uint64_t streamsAtSelection = 0; // of the playing channel
    Nanoseconds lastPublished{0};
    bool published = false;
    ChannelDatagram scratch;
};

} // namespace dragoman
