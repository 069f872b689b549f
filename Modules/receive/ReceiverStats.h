#pragma once
// Everything a delegate's receiver counts, for `--stats FILE.json` and the status line.
//
// Threads: a plain value, any thread.

#include <cstdint>

namespace dragoman
{

struct ReceiverStats
{
    // Packets of the stream being played.
    std::uint64_t received = 0;   // stored, reordered, duplicated or late
    std::uint64_t lost = 0;       // frames missing when due (late packets included)
    std::uint64_t late = 0;       // arrived after their frame was played or concealed
    std::uint64_t reordered = 0;  // arrived after a higher sequence number, still in time
    std::uint64_t duplicated = 0; // the same sequence number twice

    // Frames played.
    std::uint64_t concealed = 0;    // by Opus PLC (lost, underrun, expansion, undecodable)
    std::uint64_t fecRecovered = 0; // rebuilt from the FEC copy in the next packet
    std::uint64_t expansions = 0;   // concealed on purpose, to grow the buffer at once
    std::uint64_t underruns = 0;    // frames due while the buffer was empty
    std::uint64_t starvations = 0;  // restarts after the buffer stayed empty too long

    // Streams and refusals.
    std::uint64_t streams = 0;          // streams begun: first, new SSRC, sender restart
    std::uint64_t foreign = 0;          // another SSRC while ours is alive
    std::uint64_t implausible = 0;      // sequence number far off
    std::uint64_t malformed = 0;        // not RTP: truncated + notRtp
    std::uint64_t truncated = 0;        // RTP version, but cut short (lengths past the end)
    std::uint64_t notRtp = 0;           // not version 2: random bytes, another protocol
    std::uint64_t wrongPayloadType = 0; // RTP of another payload type
    std::uint64_t notOpus = 0;          // our payload type, invalid Opus table of contents
    std::uint64_t tooLarge = 0;         // payload larger than a jitter buffer slot
    std::uint64_t decodeErrors = 0;     // libopus refused a packet (concealed instead)

    // State.
    double jitterMs = 0.0;      // RFC 3550 interarrival jitter
    double targetDelayMs = 0.0; // what the policy asks the buffer to hold
    double floorDelayMs = 0.0;  // one frame + minimum + half an output block
    double bufferDelayMs = 0.0; // what it holds (smoothed)
    double driftPpm = 0.0;      // sender clock against ours (0 until estimated)
    double speedPpm = 0.0;      // playback speed set by the drift corrector
    bool playing = false;
    // The sender's RTP timestamp of the first sample the last pull() wrote, which plays at that
    // pull's time (plus the device's output latency); with an RTCP sender report it gives the
    // capture time of what plays (mouth-to-ear delay). Opus's own look-ahead (2.5 or 6.5 ms,
    // the sender's choice) is not in it: the decoded sample is that much older than its stamp.
    std::uint32_t playingTimestamp = 0;
    bool playingTimestampKnown = false;
};

} // namespace dragoman
