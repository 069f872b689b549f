#pragma once
// What became of one received datagram. Every one is counted under exactly one verdict, so that
// the statistics add up and a test can tell a refused packet from a lost one.
//
// Threads: a plain value, any thread.

#include <cstdint>

namespace dragoman
{

enum class PacketVerdict : std::uint8_t
{
    // Taken into the stream being played:
    Stored,           // in order
    Reordered,        // after a packet with a higher sequence number, still in time
    NewStream,        // first packet of a new stream (first ever, new SSRC, or a sender restart)
                      // Of the stream, but not stored:
    Duplicate,        // the same sequence number is already held
    Late,             // its playout time has passed (still feeds the delay statistics)
                      // Refused:
    Foreign,          // another SSRC while the current stream is alive
    Implausible,      // sequence number far from the stream's (a stray or restarted sender)
    TooLarge,         // payload larger than a slot
    Malformed,        // not an RTP packet (truncated, wrong version, bad lengths)
    WrongPayloadType, // RTP, but not the payload type of our Opus stream
    NotOpus,          // payload type right, but the payload is no valid Opus packet
};

} // namespace dragoman
