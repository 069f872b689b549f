#include "receive/PlayingPosition.h"
#include "OpusTestSender.h"
#include "ReceiverRig.h"
#include "SimulatedNetwork.h"
#include "receive/ReceiverPipeline.h"

#include <catch2/catch.hpp>

#include <opus.h>

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("PlayingPosition follows the output through frames the resampler holds ahead",
          "[receive][PlayingPosition]")
{
    PlayingPosition position;
    CHECK(position.nextTimestamp() == -1);
    position.staged(-1, 480); // silence before the stream: no sender time
    position.played(100, 0.0);
    CHECK(position.nextTimestamp() == -1);
    position.played(380, 0.0);
    position.staged(1000, 480);
    position.staged(1480, 480); // taken ahead: the output is still in the first frame
    position.played(64, 0.0);
    CHECK(position.nextTimestamp() == 1064);
    position.played(480, 0.0);
    CHECK(position.nextTimestamp() == 1544);
    // A concealed frame whose timestamp jumps (a new stream): the output follows the jump only
    // when it gets there.
    position.staged(90000, 480);
    CHECK(position.nextTimestamp() == 1544);
    position.played(416, 0.0);
    CHECK(position.nextTimestamp() == 90000);
    // Played 1000 ppm fast: 1000 output samples take 1001 input samples.
    position.played(1000, 1000.0);
    position.staged(90480, 480);
    position.staged(90960, 480);
    CHECK(position.nextTimestamp() == 91001);
}

// The timestamp the pipeline reports for each pull's first sample, against where that sample's
// audio really came from (found by correlating the output with the sent chirp): they differ only
// by the encoder's look-ahead, which the receiver cannot see, and a spread of about a millisecond.
// The staged frame's position, read before, ran up to a frame plus the resampler's look-ahead ahead
// of the audio.
TEST_CASE("the reported playing timestamp is that of the audio the pull wrote",
          "[receive][PlayingPosition][ReceiverPipeline]")
{
    const SenderSettings sender;
    const std::vector<float> signal = chirp(12 * receiveSampleRate);
    OpusTestSender encoder(sender);
    Datagrams datagrams;
    datagrams.packets = encoder.packets(signal);
    NetworkProfile net;
    net.jitterSeconds = 0.003; // the buffer moves: frames are taken at varying phases
    net.senderPpm = 100.0;     // the drift corrector plays at a speed other than 1
    datagrams.arrivals =
        simulateArrivals(static_cast<int>(datagrams.packets.size()), sender.frameSamples, net);

    int error = 0;
    OpusEncoder* probe = opus_encoder_create(receiveSampleRate, 1, OPUS_APPLICATION_VOIP, &error);
    REQUIRE(error == OPUS_OK);
    opus_int32 lookahead = 0;
    opus_encoder_ctl(probe, OPUS_GET_LOOKAHEAD(&lookahead));
    opus_encoder_destroy(probe);

    for (const bool random : {false, true})
    {
        ReceiverPipeline receiver;
        RigSettings rig;
        rig.seconds = 10.0;
        rig.randomBlocks = random;
        std::vector<PullRecord> records;
        const auto out = runReceiver(receiver, datagrams, rig, &records);
        // Where each pull began: the fixed block size, or the rig's seeded sizes drawn again.
        std::vector<std::int64_t> starts;
        std::mt19937 rng(static_cast<std::uint32_t>(rig.seed));
        std::uniform_int_distribution<int> size(1, 2 * rig.blockFrames);
        std::int64_t position = 0;
        for (std::size_t k = 0; k < records.size(); ++k)
        {
            starts.push_back(position);
            position += random ? size(rng) : rig.blockFrames;
        }

        int checked = 0;
        double worst = 0.0;
        double lowestOff = 1e9;
        double highestOff = -1e9;
        for (std::size_t k = 0; k < records.size(); k += 97)
        {
            const auto& stats = records[k].stats;
            const auto at = static_cast<std::size_t>(starts[k]);
            if (!stats.playingTimestampKnown || at < receiveSampleRate || at + 960 > out.size())
                continue;
            const LagSearch found = bestLag(signal, out, at, 960, 0, receiveSampleRate / 5);
            if (found.correlation < 0.9)
                continue;
            // The sample sent at signal[at - lag] plays at out[at]; the decoder's output is the
            // encoder's input `lookahead` samples late.
            const auto sent = static_cast<std::int64_t>(at) - static_cast<std::int64_t>(found.lag);
            const auto reported =
                static_cast<std::int32_t>(stats.playingTimestamp - sender.firstTimestamp);
            const double off = static_cast<double>(reported - lookahead - sent);
            worst = std::max(worst, std::abs(off));
            lowestOff = std::min(lowestOff, off);
            highestOff = std::max(highestOff, off);
            ++checked;
        }
        INFO((random ? "random" : "fixed")
             << " blocks: " << checked << " pulls checked, worst " << worst << " samples off ("
             << lowestOff << " .. " << highestOff << "), look-ahead " << lookahead);
        CHECK(checked > 20);
        // Measured: within +-1.2 ms, centred on zero (the staged frame's stamp was up to 15 ms
        // ahead). The spread is not explained yet; it is the same without clock drift.
        CHECK(worst <= 72.0);
    }
}
