#include "net/RtpSequence.h"

#include <catch2/catch.hpp>

using namespace dragoman;

TEST_CASE("Sequence and timestamp differences wrap", "[net][sequence]")
{
    CHECK(sequenceDelta(0, 65535) == 1);
    CHECK(sequenceDelta(65535, 0) == -1);
    CHECK(sequenceDelta(10, 65530) == 16);
    CHECK(sequenceDelta(100, 100) == 0);
    CHECK(sequenceNewer(2, 65534));
    CHECK_FALSE(sequenceNewer(65534, 2));
    CHECK(timestampDelta(5, 0xfffffff0u) == 21);
    CHECK(timestampDelta(0xfffffff0u, 5) == -21);
    CHECK(timestampDelta(480, 0) == 480);
}

TEST_CASE("SequenceTracker: probation, then loss counted across the wrap", "[net][sequence]")
{
    SequenceTracker tracker; // RFC 3550's MIN_SEQUENTIAL = 2
    CHECK(tracker.update(65533) == SequenceTracker::Verdict::probation);
    CHECK_FALSE(tracker.valid());
    CHECK(tracker.update(65534) == SequenceTracker::Verdict::valid);
    CHECK(tracker.valid());
    CHECK(tracker.received() == 1);
    CHECK(tracker.update(65535) == SequenceTracker::Verdict::valid);
    CHECK(tracker.update(1) == SequenceTracker::Verdict::valid); // 0 lost
    CHECK(tracker.extendedHighest() == 65536 + 1);
    CHECK(tracker.expected() == 4); // 65534, 65535, 0, 1
    CHECK(tracker.received() == 3);
    CHECK(tracker.lost() == 1);
    CHECK(tracker.cumulativeLostForReport() == 1);
    CHECK(tracker.takeFractionLost() == 64); // 1 of 4
    CHECK(tracker.takeFractionLost() == 0);  // nothing new since
    CHECK(tracker.update(2) == SequenceTracker::Verdict::valid);
    CHECK(tracker.update(4) == SequenceTracker::Verdict::valid);
    CHECK(tracker.takeFractionLost() == 85); // 1 of 3: 256/3
}

TEST_CASE("SequenceTracker: probation may cross the wrap, and restarts on a gap", "[net][sequence]")
{
    SequenceTracker tracker(3);
    CHECK(tracker.update(65535) == SequenceTracker::Verdict::probation);
    CHECK(tracker.update(0) == SequenceTracker::Verdict::probation);
    CHECK(tracker.update(5) == SequenceTracker::Verdict::probation); // out of order: again
    CHECK(tracker.update(6) == SequenceTracker::Verdict::probation);
    CHECK(tracker.update(7) == SequenceTracker::Verdict::valid);
    CHECK(tracker.expected() == 1);
}

TEST_CASE("SequenceTracker: with minSequential 1 the first packet counts", "[net][sequence]")
{
    SequenceTracker tracker(1);
    CHECK(tracker.update(1000) == SequenceTracker::Verdict::valid);
    CHECK(tracker.received() == 1);
    CHECK(tracker.lost() == 0);
}

TEST_CASE("SequenceTracker: duplicates and reordering", "[net][sequence]")
{
    SequenceTracker tracker(1);
    tracker.update(10);
    tracker.update(12);
    CHECK(tracker.update(11) == SequenceTracker::Verdict::valid); // late, within misorder
    CHECK(tracker.update(12) == SequenceTracker::Verdict::valid); // duplicate
    CHECK(tracker.extendedHighest() == 12);
    CHECK(tracker.received() == 4);
    CHECK(tracker.lost() == -1); // RFC 3550: duplicates can make loss negative
    CHECK(tracker.takeFractionLost() == 0);
}

TEST_CASE("SequenceTracker: a big jump is held once, then taken as a restart", "[net][sequence]")
{
    SequenceTracker tracker(1);
    tracker.update(100);
    tracker.update(101);
    CHECK(tracker.update(40000) == SequenceTracker::Verdict::jump);
    CHECK(tracker.extendedHighest() == 101); // the stray did not move anything
    CHECK(tracker.update(102) == SequenceTracker::Verdict::valid);
    CHECK(tracker.update(50000) == SequenceTracker::Verdict::jump);
    CHECK(tracker.update(50001) == SequenceTracker::Verdict::resynchronised);
    CHECK(tracker.received() == 1);
    CHECK(tracker.extendedHighest() == 50001);
    CHECK(tracker.lost() == 0);
    // Gaps up to maxDropout are loss, not a restart.
    CHECK(tracker.update(50001 + 2999) == SequenceTracker::Verdict::valid);
    CHECK(tracker.lost() == 2998);
}

TEST_CASE("SequenceTracker: reset forgets the source", "[net][sequence]")
{
    SequenceTracker tracker;
    tracker.update(1);
    tracker.update(2);
    tracker.reset();
    CHECK_FALSE(tracker.valid());
    CHECK(tracker.update(9000) == SequenceTracker::Verdict::probation);
}

TEST_CASE("SequenceTracker: cumulative loss is clamped to 24 bits", "[net][sequence]")
{
    SequenceTracker tracker(1);
    tracker.update(0);
    // Walk forward in steps of 2000 (below maxDropout) without receiving what is between:
    // about 10 million packets lost, more than the 24-bit field holds.
    std::uint16_t seq = 0;
    for (int i = 0; i < 5000; ++i)
    {
        seq = static_cast<std::uint16_t>(seq + 2000);
        tracker.update(seq);
    }
    CHECK(tracker.lost() > (1 << 23));
    CHECK(tracker.cumulativeLostForReport() == (1 << 23) - 1);
}
