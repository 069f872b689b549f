#pragma once
// The fast simulation harness: a PlayoutScheduler driven exactly as ReceiverPipeline drives it,
// with the codec and the resampler replaced by sample counting. The resampler model consumes
// (1 + speed) input samples per output sample and asks for the next frame when it holds less
// than libsamplerate's look-ahead. Hours of network run in seconds.

#include "SimulatedNetwork.h"
#include "receive/PlayoutScheduler.h"

#include <array>
#include <cstdint>
#include <vector>

namespace dragoman::test
{

struct HarnessSettings
{
    int frameSamples = 480;
    int blockFrames = 128;
    double seconds = 60.0;
    std::uint32_t ssrc = 0x5eed;
    std::uint16_t firstSequence = 65000;        // wraps early on purpose
    std::uint32_t firstTimestamp = 4294000000u; // wraps early on purpose
};

// observe(now, decision, scheduler) is called after every decided frame.
template <typename Observer>
void runPlayout(PlayoutScheduler& scheduler, const std::vector<Arrival>& arrivals,
                const HarnessSettings& settings, Observer&& observe)
{
    static const std::array<std::uint8_t, 1> payload{0xf8}; // any bytes: no codec here
    RtpPacketView packet;
    packet.header.payloadType = 96;
    packet.header.ssrc = settings.ssrc;
    packet.payload = payload;

    constexpr double lookahead = 21.0; // libsamplerate SRC_SINC_FASTEST near ratio 1
    double requested = 0.0;            // input samples the resampler has been asked for
    double decided = 0.0;              // input samples handed to it
    std::size_t next = 0;
    const auto blocks =
        static_cast<std::int64_t>(settings.seconds * receiveSampleRate / settings.blockFrames);
    for (std::int64_t j = 0; j < blocks; ++j)
    {
        const Nanoseconds now(j * settings.blockFrames * 1'000'000'000LL / receiveSampleRate);
        while (next < arrivals.size() && arrivals[next].time <= now)
        {
            const auto k = static_cast<std::uint32_t>(arrivals[next].index);
            packet.header.sequence = static_cast<std::uint16_t>(settings.firstSequence + k);
            packet.header.timestamp =
                settings.firstTimestamp + k * static_cast<std::uint32_t>(settings.frameSamples);
            scheduler.insert(packet, settings.frameSamples, arrivals[next].time);
            ++next;
        }
        scheduler.setOutputBlock(settings.blockFrames);
        requested += settings.blockFrames * (1.0 + scheduler.speedPpm() * 1e-6);
        while (decided - requested < lookahead)
        {
            const FrameDecision decision = scheduler.nextFrame(now);
            decided += decision.samples;
            observe(now, decision, scheduler);
        }
    }
}

} // namespace dragoman::test
