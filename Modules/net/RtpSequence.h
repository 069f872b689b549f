#pragma once
// Sequence numbers and timestamps that wrap: 16-bit RTP sequence numbers wrap every 65536
// packets (11 minutes at 10 ms frames), 32-bit timestamps every 24.9 hours at 48 kHz. A meeting
// outlasts both, so every comparison goes through these helpers.
//
// Threads: the free functions are pure (any thread). A SequenceTracker belongs to the one thread
// that receives its source's packets. Everything here is real-time safe.

#include "core/Realtime.h"

#include <cstdint>

namespace dragoman
{

// How far `a` is ahead of `b` (negative: behind), correct while they are less than half the
// number space apart. C++20 defines the unsigned-to-signed conversion as modular.
constexpr std::int16_t sequenceDelta(std::uint16_t a, std::uint16_t b) noexcept
{
    return static_cast<std::int16_t>(static_cast<std::uint16_t>(a - b));
}
constexpr bool sequenceNewer(std::uint16_t a, std::uint16_t b) noexcept
{
    return sequenceDelta(a, b) > 0;
}
constexpr std::int32_t timestampDelta(std::uint32_t a, std::uint32_t b) noexcept
{
    return static_cast<std::int32_t>(a - b);
}

// RFC 3550 Appendix A.1 and A.3: decides whether a source is valid (a few sequential packets
// before it is believed), follows wrap-around in a 32-bit extended sequence number (cycles in
// the high 16 bits), re-synchronises when the sender restarts its numbering, and counts what
// a receiver report states: expected, lost, fraction lost per interval.
class SequenceTracker
{
public:
    enum class Verdict : std::uint8_t
    {
        valid,          // counted: in order, with a gap, duplicate or reordered
        probation,      // the source is not believed yet (fewer than minSequential in a row)
        jump,           // a very large jump, held until the next packet confirms it
        resynchronised, // that jump was confirmed: the sender restarted; counted from here
    };

    static constexpr std::uint16_t maxDropout = 3000; // forward gap still taken as loss
    static constexpr std::uint16_t maxMisorder = 100; // backward step still taken as reorder

    explicit SequenceTracker(int sequentialToBelieve = 2) noexcept
        : minSequential(sequentialToBelieve)
    {
    }

    // Forgets the source (a new SSRC): the next packet starts probation again.
    void reset() noexcept { started = false; }

    Verdict update(std::uint16_t sequence) noexcept DRAGOMAN_NONBLOCKING;

    bool valid() const noexcept { return started && probation == 0; }
    // Cycles (multiples of 65536) plus the highest sequence number received.
    std::uint32_t extendedHighest() const noexcept { return cycles + maxSequence; }
    std::uint32_t received() const noexcept { return receivedCount; }
    std::int64_t expected() const noexcept
    {
        return std::int64_t{extendedHighest()} - std::int64_t{baseSequence} + 1;
    }
    // Duplicates count as received, so this can be negative (RFC 3550 §6.4.1).
    std::int64_t lost() const noexcept { return expected() - std::int64_t{receivedCount}; }
    // lost() clamped to the 24-bit signed field of a report block.
    std::int32_t cumulativeLostForReport() const noexcept DRAGOMAN_NONBLOCKING;
    // Fraction (x/256) of the packets expected since the previous call that did not arrive;
    // call once per receiver report. Negative loss (duplicates) reports 0.
    std::uint8_t takeFractionLost() noexcept DRAGOMAN_NONBLOCKING;

private:
    void initialise(std::uint16_t sequence) noexcept;

    int minSequential;
    bool started = false;
    int probation = 0;
    std::uint16_t maxSequence = 0;
    std::uint32_t cycles = 0;
    std::uint32_t baseSequence = 0;
    std::uint32_t badSequence = 0;
    std::uint32_t receivedCount = 0;
    std::uint32_t receivedPrior = 0;
    std::int64_t expectedPrior = 0;
};

} // namespace dragoman
