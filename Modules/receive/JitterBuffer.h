#pragma once
// The jitter buffer's mechanism: packets of one RTP stream held in fixed slots by extended
// sequence number, and, for every output frame, what to play: the packet, its FEC copy carried by
// the next packet, or a concealment. How much to buffer is not decided here (PlayoutDelayPolicy),
// nor when playout starts (PlayoutScheduler).
//
// Stream identity: the first packet's SSRC is followed. Another SSRC is refused while the current
// stream is alive and adopted once it has been silent for `sourceTimeout` (an engine restart is
// followed within that time, a second sender on the same group does not make playback flap).
// A sequence number far from the stream's is refused too, unless the stream was silent or a run
// of such packets follows one another (a sender that restarted with the same SSRC).
//
// Threads: construction allocates every slot (control thread, before audio). After that all
// methods belong to one thread, the audio thread, and never allocate, lock or make system calls.
// A Playout's payload points into a slot: decode it before the next insert() or next().

#include "core/Realtime.h"
#include "net/Rtp.h"
#include "net/RtpUnwrapper.h"
#include "receive/PacketVerdict.h"
#include "receive/Timing.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>

namespace dragoman
{

struct JitterBufferConfig
{
    // Slots, a power of two: the most packets held at once, and how far a sequence number may
    // jump before it is implausible. 512 hold 1.28 s of 2.5 ms frames, 5 s of 10 ms frames.
    int capacity = 512;
    // A stream silent this long may be replaced by a new SSRC or a sequence-number jump.
    Nanoseconds sourceTimeout = std::chrono::milliseconds(200);
    // Implausible packets in a row, each following the previous, that restart the stream although
    // it is not silent: a sender restarted with its old SSRC keeps sending, the old stream stopped.
    int implausibleRunToRestart = 3;
};

struct JitterBufferCounts
{
    std::uint64_t received = 0;    // packets of the stream: stored, reordered, duplicate or late
    std::uint64_t reordered = 0;   // stored after a higher sequence number
    std::uint64_t duplicated = 0;  // same sequence number already held
    std::uint64_t late = 0;        // arrived after their frame was played or concealed
    std::uint64_t lost = 0;        // frames missing when due (includes the late ones)
    std::uint64_t underruns = 0;   // frames due while nothing at all was buffered
    std::uint64_t streams = 0;     // streams begun: the first, new SSRCs, sender restarts
    std::uint64_t foreign = 0;     // packets of another SSRC, refused
    std::uint64_t implausible = 0; // packets with a sequence number far off, refused
    std::uint64_t tooLarge = 0;    // payloads larger than a slot, refused
};

struct InsertOutcome
{
    PacketVerdict verdict = PacketVerdict::Malformed;
    std::int64_t sequence = 0;  // extended; meaningful for packets of the stream
    std::int64_t timestamp = 0; // extended RTP timestamp; meaningful for packets of the stream
};

// What to play for the next frame.
struct Playout
{
    enum class Kind : std::uint8_t
    {
        Packet,   // decode `payload`
        Fec,      // the frame is missing but the next packet is here: decode its FEC copy
        Lost,     // missing, the next one too, later ones present: conceal and move on
        Underrun, // nothing buffered at all: conceal and keep waiting for this frame (if a
                  // later frame comes first, this concealment stands in for the lost one)
    };
    Kind kind = Kind::Underrun;
    std::span<const std::uint8_t> payload; // Packet: the frame; Fec: the next packet
    int samples = 0;                       // Packet: its duration; else the frame to conceal
    std::int64_t timestamp = 0;            // extended RTP timestamp of the frame
};

class JitterBuffer
{
public:
    static constexpr int maxPayloadBytes = 1500; // an Ethernet MTU: no real payload is larger

    explicit JitterBuffer(const JitterBufferConfig& config = {});

    // frameSamples: the packet's duration at 48 kHz (from its Opus TOC), > 0.
    InsertOutcome insert(const RtpPacketView& packet, int frameSamples,
                         Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;

    // Prebuffering: packets are held until startPlayout(); next() only after it.
    bool playing() const noexcept DRAGOMAN_NONBLOCKING { return started; }
    bool hasPackets() const noexcept DRAGOMAN_NONBLOCKING { return buffered > 0; }
    void startPlayout() noexcept DRAGOMAN_NONBLOCKING;

    // Extended RTP timestamp of the frame next() will give (the first buffered before playout).
    std::int64_t nextTimestamp() const noexcept DRAGOMAN_NONBLOCKING { return playTimestamp; }
    // Duration of the frame next() will give if it must conceal: the last packet's.
    int frameSamples() const noexcept DRAGOMAN_NONBLOCKING { return lastSamples; }

    Playout next() noexcept DRAGOMAN_NONBLOCKING;

    // Before playout: drops the first frame (its packet counts as late), so that a backlog
    // delivered at once after an outage is not played half a second behind. False when nothing
    // is buffered.
    bool dropFirst() noexcept DRAGOMAN_NONBLOCKING;

    // Drops every packet but keeps following the stream: the next packet prebuffers anew
    // (after a starvation, when what is buffered is too old to be worth playing).
    void restart() noexcept DRAGOMAN_NONBLOCKING;
    // Drops every packet and the stream itself: the next packet of any SSRC begins a new stream
    // (a channel switch).
    void forgetStream() noexcept DRAGOMAN_NONBLOCKING;

    int bufferedPackets() const noexcept DRAGOMAN_NONBLOCKING { return buffered; }
    // Audio held ahead of the next frame: newest packet's end minus nextTimestamp(), in samples.
    std::int64_t bufferedSamples() const noexcept DRAGOMAN_NONBLOCKING;
    const JitterBufferCounts& counts() const noexcept DRAGOMAN_NONBLOCKING { return tally; }
    int capacity() const noexcept DRAGOMAN_NONBLOCKING { return slotCount; }

private:
    struct Slot
    {
        std::int64_t sequence; // emptySlot when free
        std::int64_t timestamp;
        int samples;
        int size;
        std::array<std::uint8_t, maxPayloadBytes> bytes;
    };
    static constexpr std::int64_t emptySlot = INT64_MIN;

    Slot& slotFor(std::int64_t sequence) noexcept DRAGOMAN_NONBLOCKING
    {
        return slots[static_cast<std::uint64_t>(sequence) & mask];
    }
    InsertOutcome beginStream(const RtpPacketView& packet, int frameSamples,
                              Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;
    void anchor(std::int64_t sequence, std::int64_t timestamp,
                int frameSamples) noexcept DRAGOMAN_NONBLOCKING;
    PacketVerdict store(const RtpPacketView& packet, std::int64_t sequence, std::int64_t timestamp,
                        int frameSamples) noexcept DRAGOMAN_NONBLOCKING;
    bool implausibleRunComplete(std::uint16_t sequence) noexcept DRAGOMAN_NONBLOCKING;
    Playout takePacket(Slot& slot) noexcept DRAGOMAN_NONBLOCKING;
    void skip(std::int64_t frames) noexcept DRAGOMAN_NONBLOCKING; // counted as lost
    void clearSlots() noexcept DRAGOMAN_NONBLOCKING;

    JitterBufferConfig config;
    int slotCount;
    std::uint64_t mask;
    std::unique_ptr<Slot[]> slots;

    // The stream followed.
    bool haveStream = false;
    std::uint32_t streamSsrc = 0;
    Nanoseconds lastArrival{0};
    SequenceUnwrapper sequences;
    TimestampUnwrapper timestamps;

    // Playout position. `anchored`: playSequence means something (a packet arrived since the
    // stream began or the buffer restarted).
    bool anchored = false;
    bool started = false;
    std::int64_t playSequence = 0;
    std::int64_t playTimestamp = 0;
    std::int64_t highestSequence = 0;
    std::int64_t newestEnd = 0; // timestamp + duration of the highest sequence number stored
    int lastSamples = 480;
    int buffered = 0;
    std::int64_t waitedFrames = 0; // underrun concealments issued while waiting for playSequence

    std::uint16_t lastImplausible = 0;
    int implausibleRun = 0;

    JitterBufferCounts tally;
};

} // namespace dragoman
