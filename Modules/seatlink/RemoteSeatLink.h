#pragma once
// The engine's end of its remote seats (a seat with `remote:` in the session). For each one the
// interpreter's microphone arrives as RTP/Opus on the seat's `listen` port and is played out by a
// SeatReceiver (jitter buffer, PLC, drift resampling) into the engine's mic input, one block per
// audio callback; and what the seat hears is taken from the engine's headphone output for the
// seat and sent to `send_to` by a FrameStreamer.
//
// The feed is the engine's complete seat path: source, sidetone, volume, tone and the engine's
// limiter at the seat's `spl_at_0dbfs`. The remote side limits again for the headset it really
// has (RemoteSeatAudio); the engine's limiter costs 1 ms and keeps one code path for every seat.
//
// Threads: open(), start(), stop(), the destructor and stats(): control thread. open() allocates
// every block. receive(), microphone(), headphones(), send(): the audio thread only; they never
// allocate, lock or make a system call. The network thread (RtpInbox) and the encoder thread
// (FrameStreamer) are started and stopped here.

#include "core/AudioRing.h"
#include "core/Floorplan.h"
#include "core/Realtime.h"
#include "core/Result.h"
#include "receive/ReceiverStats.h"
#include "seatlink/FrameStreamer.h"
#include "seatlink/RtpInbox.h"
#include "seatlink/SeatReceiver.h"

#include <memory>
#include <string>
#include <vector>

namespace dragoman
{

struct RemoteSeatStats
{
    std::string seat;
    std::uint64_t datagrams = 0;    // microphone datagrams received
    std::uint64_t inboxDrops = 0;   // dropped because the audio thread's queue was full
    std::uint64_t feedPackets = 0;  // headphone-feed packets sent
    std::uint64_t feedOverruns = 0; // feed blocks dropped because the encoder thread stalled
    std::uint64_t feedSendErrors = 0;
    std::optional<ReceiverStats> microphone; // the latest snapshot of the mic's receiver
};

class RemoteSeatLink
{
public:
    // Every remote seat of `plan`; nullptr-free but possibly empty (see empty()). `maxBlock`: the
    // largest block the driver hands the engine. `interfaceAddress`: IPv4 address the feeds
    // leave by (the session's network.interface, else 127.0.0.1).
    static Result<std::unique_ptr<RemoteSeatLink>> open(const Floorplan& plan, int maxBlock,
                                                        const std::string& interfaceAddress);
    ~RemoteSeatLink();

    bool empty() const noexcept { return seats.empty(); }
    int maxBlock() const noexcept { return blockFrames; }
    std::size_t seatCount() const noexcept { return slotOf.size(); }

    void start();
    void stop(); // idempotent

    // Audio thread, in this order each block: receive() plays every remote microphone's next
    // `frames` (<= maxBlock()) into its block; microphone(s) / headphones(s) give the blocks for
    // the engine's BlockIo (nullptr for a seat that is not remote); send() hands the seats'
    // headphone outputs (as BlockIo::seatOuts held them) to the encoder thread.
    void receive(int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;
    const float* microphone(std::size_t seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return slotOf[seat] < 0 ? nullptr
                                : seats[static_cast<std::size_t>(slotOf[seat])].mic.data();
    }
    float* headphones(std::size_t seat) noexcept DRAGOMAN_NONBLOCKING
    {
        return slotOf[seat] < 0 ? nullptr
                                : seats[static_cast<std::size_t>(slotOf[seat])].feed.data();
    }
    void send(const float* const* seatOuts, int frames) noexcept DRAGOMAN_NONBLOCKING;

    std::vector<RemoteSeatStats> stats();

private:
    struct Seat
    {
        std::size_t index = 0; // engine seat
        std::string id;
        std::unique_ptr<SeatReceiver> receiver;
        std::vector<float> mic;  // this block's microphone
        std::vector<float> feed; // this block's headphones, when no device output takes them
        std::unique_ptr<AudioRing> ring; // headphones -> encoder thread
        std::optional<ReceiverStats> lastStats;
    };

    RemoteSeatLink() = default;

    int blockFrames = 0;
    std::vector<int> slotOf; // per engine seat: index into seats, or -1
    std::vector<Seat> seats;
    RtpInbox inbox;
    FrameStreamer streamer;
};

} // namespace dragoman
