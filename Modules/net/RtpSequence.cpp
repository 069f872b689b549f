#include "net/RtpSequence.h"

#include <algorithm>

namespace dragoman
{

namespace
{
constexpr std::uint32_t sequenceModulo = 1u << 16;
}

void SequenceTracker::initialise(std::uint16_t sequence) noexcept
{
    baseSequence = sequence;
    maxSequence = sequence;
    badSequence = sequenceModulo + 1; // matches no 16-bit value
    cycles = 0;
    receivedCount = 0;
    receivedPrior = 0;
    expectedPrior = 0;
}

SequenceTracker::Verdict
SequenceTracker::update(std::uint16_t sequence) noexcept DRAGOMAN_NONBLOCKING
{
    if (!started)
    {
        started = true;
        initialise(sequence);
        maxSequence = static_cast<std::uint16_t>(sequence - 1);
        probation = std::max(minSequential, 1);
    }

    const auto udelta = static_cast<std::uint16_t>(sequence - maxSequence);
    if (probation > 0)
    {
        // 16-bit arithmetic here, unlike the RFC's int promotion, so that probation may start
        // at 65535 and continue at 0.
        if (sequence == static_cast<std::uint16_t>(maxSequence + 1))
        {
            --probation;
            maxSequence = sequence;
            if (probation == 0)
            {
                initialise(sequence);
                ++receivedCount;
                return Verdict::valid;
            }
        }
        else
        {
            probation = std::max(minSequential - 1, 1);
            maxSequence = sequence;
        }
        return Verdict::probation;
    }

    Verdict verdict = Verdict::valid;
    if (udelta < maxDropout)
    {
        if (sequence < maxSequence)
            cycles += sequenceModulo; // wrapped
        maxSequence = sequence;
    }
    else if (udelta <= sequenceModulo - maxMisorder)
    {
        if (sequence != badSequence)
        {
            // One packet far away may be a stray; two in a row mean the sender restarted.
            badSequence = (sequence + 1u) & (sequenceModulo - 1);
            return Verdict::jump;
        }
        initialise(sequence);
        verdict = Verdict::resynchronised;
    }
    // else: a duplicate or a packet from shortly before; counted, maxSequence unchanged.
    ++receivedCount;
    return verdict;
}

std::int32_t SequenceTracker::cumulativeLostForReport() const noexcept DRAGOMAN_NONBLOCKING
{
    constexpr std::int64_t lowest = -(std::int64_t{1} << 23);
    constexpr std::int64_t highest = (std::int64_t{1} << 23) - 1;
    return static_cast<std::int32_t>(std::clamp(lost(), lowest, highest));
}

std::uint8_t SequenceTracker::takeFractionLost() noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t expectedNow = expected();
    const std::int64_t expectedInterval = expectedNow - expectedPrior;
    const std::int64_t receivedInterval = std::int64_t{receivedCount} - receivedPrior;
    expectedPrior = expectedNow;
    receivedPrior = receivedCount;
    const std::int64_t lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval <= 0 || lostInterval <= 0)
        return 0;
    return static_cast<std::uint8_t>(
        std::min<std::int64_t>((lostInterval << 8) / expectedInterval, 255));
}

} // namespace dragoman
