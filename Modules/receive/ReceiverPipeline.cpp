#include "receive/ReceiverPipeline.h"
#include "net/Rtp.h"

#include <algorithm>

namespace dragoman
{

ReceiverPipeline::ReceiverPipeline(const ReceiverConfig& settings)
    : config(settings), playout(settings.playout),
      staged(std::make_unique<float[]>(OpusFrameDecoder::maxFrameSamples))
{
}

PacketVerdict ReceiverPipeline::push(std::span<const std::uint8_t> datagram,
                                     Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING
{
    const auto parsed = parseRtp(datagram);
    // A header with nothing after it is as broken as a truncated one: there is no frame to play.
    if (!parsed || parsed->payload.empty())
    {
        if (!parsed && parsed.error() == RtpError::badVersion)
            ++notRtp;
        else
            ++truncated;
        return PacketVerdict::Malformed;
    }
    const RtpPacketView& packet = *parsed;
    if (packet.header.payloadType != config.payloadType)
    {
        ++wrongPayloadType;
        return PacketVerdict::WrongPayloadType;
    }
    const int samples = OpusFrameDecoder::packetSamples(packet.payload);
    if (samples <= 0)
    {
        ++notOpus;
        return PacketVerdict::NotOpus;
    }
    const InsertOutcome outcome = playout.insert(packet, samples, arrival);
    if (outcome.verdict == PacketVerdict::NewStream)
        decoder.reset(); // PLC must not extrapolate the previous stream into this one
    return outcome.verdict;
}

int ReceiverPipeline::conceal(int samples) noexcept DRAGOMAN_NONBLOCKING
{
    ++concealed;
    const std::span<float> out(staged.get(), OpusFrameDecoder::maxFrameSamples);
    const int written = decoder.conceal(samples, out);
    if (written > 0)
        return written;
    const int n = std::clamp(samples, 1, OpusFrameDecoder::maxFrameSamples);
    std::fill_n(staged.get(), n, 0.0f);
    return n;
}

int ReceiverPipeline::renderFrame(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    const FrameDecision decision = playout.nextFrame(now);
    stagedTimestamp = decision.timestamp;
    const std::span<float> out(staged.get(), OpusFrameDecoder::maxFrameSamples);
    switch (decision.kind)
    {
    case FrameDecision::Kind::Silence:
    {
        const int n = std::clamp(decision.samples, 1, OpusFrameDecoder::maxFrameSamples);
        std::fill_n(staged.get(), n, 0.0f);
        return n;
    }
    case FrameDecision::Kind::Decode:
    {
        const int written = decoder.decode(decision.payload, out);
        if (written > 0)
            return written;
        ++decodeErrors;
        return conceal(decision.samples);
    }
    case FrameDecision::Kind::DecodeFec:
    {
        const int written = decoder.decodeFec(decision.payload, decision.samples, out);
        if (written <= 0)
        {
            ++decodeErrors;
            return conceal(decision.samples);
        }
        // A CELT-only packet carries no FEC: libopus concealed the frame instead.
        if (OpusFrameDecoder::canCarryFec(decision.payload))
            ++fecRecovered;
        else
            ++concealed;
        return written;
    }
    case FrameDecision::Kind::Conceal:
        return conceal(decision.samples);
    }
    return conceal(decision.samples);
}

void ReceiverPipeline::pull(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    if (frames <= 0)
        return;
    playout.setOutputBlock(frames);
    pullTimestamp = position.nextTimestamp();
    int produced = 0;
    int stalls = 0;
    while (produced < frames)
    {
        // The resampler first plays what it holds; it takes a new frame only when it runs short,
        // so that each frame is decided as late as possible.
        const auto step = resampler.process(staged.get() + stagedStart, stagedEnd - stagedStart,
                                            out + produced, frames - produced, playout.speedPpm());
        position.played(step.produced, playout.speedPpm());
        stagedStart += step.consumed;
        produced += step.produced;
        if (produced >= frames)
            break;
        if (stagedStart < stagedEnd)
        {
            if (step.consumed == 0 && step.produced == 0 && ++stalls > 3)
                break; // the resampler refuses input: never spin on the audio thread
            continue;
        }
        stagedStart = 0;
        stagedEnd = renderFrame(now);
        position.staged(stagedTimestamp, stagedEnd);
    }
    std::fill(out + produced, out + frames, 0.0f);
}

void ReceiverPipeline::forgetStream() noexcept DRAGOMAN_NONBLOCKING
{
    playout.forgetStream();
    decoder.reset();
}

ReceiverStats ReceiverPipeline::stats() const noexcept DRAGOMAN_NONBLOCKING
{
    const PlayoutStats p = playout.stats();
    ReceiverStats s;
    s.received = p.buffer.received;
    s.lost = p.buffer.lost;
    s.late = p.buffer.late;
    s.reordered = p.buffer.reordered;
    s.duplicated = p.buffer.duplicated;
    s.concealed = concealed;
    s.fecRecovered = fecRecovered;
    s.expansions = p.expansions;
    s.underruns = p.buffer.underruns;
    s.starvations = p.starvations;
    s.streams = p.buffer.streams;
    s.foreign = p.buffer.foreign;
    s.implausible = p.buffer.implausible;
    s.malformed = truncated + notRtp;
    s.truncated = truncated;
    s.notRtp = notRtp;
    s.wrongPayloadType = wrongPayloadType;
    s.notOpus = notOpus;
    s.tooLarge = p.buffer.tooLarge;
    s.decodeErrors = decodeErrors;
    s.jitterMs = p.jitterSeconds * 1e3;
    s.targetDelayMs = p.targetSeconds * 1e3;
    s.floorDelayMs = p.floorSeconds * 1e3;
    s.bufferDelayMs = p.bufferDelaySeconds * 1e3;
    s.driftPpm = p.driftPpm;
    s.speedPpm = p.speedPpm;
    s.playing = p.playing;
    s.playingTimestampKnown = p.playing && pullTimestamp >= 0;
    if (s.playingTimestampKnown)
        s.playingTimestamp = static_cast<std::uint32_t>(pullTimestamp);
    return s;
}

} // namespace dragoman
