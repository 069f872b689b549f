#include "receive/PlayoutScheduler.h"

#include <algorithm>

namespace dragoman
{

PlayoutScheduler::PlayoutScheduler(const PlayoutConfig& settings)
    : config(settings), buffer(settings.buffer), delayPolicy(settings.delay), drift(settings.drift),
      corrector(settings.corrector)
{
}

InsertOutcome PlayoutScheduler::insert(const RtpPacketView& packet, int frameSamples,
                                       Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING
{
    const InsertOutcome outcome = buffer.insert(packet, frameSamples, arrival);
    switch (outcome.verdict)
    {
    case PacketVerdict::NewStream:
        // New timestamps (and perhaps a new sender clock); the network stays what it was.
        arrivals.reset();
        drift.reset();
        [[fallthrough]];
    case PacketVerdict::Stored:
    case PacketVerdict::Reordered:
    case PacketVerdict::Late:
    {
        const double relativeDelay = arrivals.add(arrival, outcome.timestamp);
        // Only what arrives during playout tells how much to buffer: before it (at the start,
        // or after a starvation) a delayed backlog is an outage, handled by dropping stale
        // frames, and must not make the buffer cover the next one.
        if (buffer.playing())
            delayPolicy.update(arrival, relativeDelay, frameSamples);
        drift.add(arrival, outcome.timestamp);
        break;
    }
    default:
        break;
    }
    return outcome;
}

FrameDecision PlayoutScheduler::nextFrame(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    if (!buffer.playing())
    {
        if (!buffer.hasPackets() || arrivals.empty())
            return silence();
        double wait = arrivals.sinceFastestArrival(now, buffer.nextTimestamp());
        // Frames that have waited more than a frame beyond the target are stale (a backlog
        // delivered at once): start with the freshest ones instead of playing behind.
        const double stale = delayPolicy.targetSeconds() + samplesToSeconds(buffer.frameSamples());
        while (wait > stale && buffer.dropFirst())
            wait = arrivals.sinceFastestArrival(now, buffer.nextTimestamp());
        if (!buffer.hasPackets() || wait < delayPolicy.targetSeconds())
            return silence();
        buffer.startPlayout();
        measured = lastDelay = wait;
        stepPending = false;
        waited = 0.0;
        framesSinceExpansion = 0;
    }

    const double frame = samplesToSeconds(buffer.frameSamples());
    const double target = delayPolicy.targetSeconds();
    if (target - measured >= frame / 2 && framesSinceExpansion >= 2)
    {
        // Conceal one frame without consuming a packet: every later frame plays a frame later.
        ++expansions;
        framesSinceExpansion = 0;
        stepPending = true;
        return {FrameDecision::Kind::Conceal, {}, buffer.frameSamples()};
    }
    ++framesSinceExpansion;

    const Playout playout = buffer.next();
    measure(arrivals.sinceFastestArrival(now, playout.timestamp), frame);
    switch (playout.kind)
    {
    case Playout::Kind::Packet:
        waited = 0.0;
        return {FrameDecision::Kind::Decode, playout.payload, playout.samples, playout.timestamp};
    case Playout::Kind::Fec:
        waited = 0.0;
        return {FrameDecision::Kind::DecodeFec, playout.payload, playout.samples,
                playout.timestamp};
    case Playout::Kind::Lost:
        waited = 0.0;
        return {FrameDecision::Kind::Conceal, {}, playout.samples, playout.timestamp};
    case Playout::Kind::Underrun:
        break;
    }
    // Waiting for the frame: if it comes, it plays a frame later than planned.
    stepPending = true;
    waited += frame;
    if (waited >= config.starveSeconds)
    {
        ++starvations;
        buffer.restart();
        return silence();
    }
    return {FrameDecision::Kind::Conceal, {}, playout.samples};
}

void PlayoutScheduler::measure(double delay, double frame) noexcept DRAGOMAN_NONBLOCKING
{
    // The delay jumps when a frame was concealed without consuming a packet (expansion, or an
    // underrun whose packet then came): the smoothed value takes such a step at once instead of
    // reading it as an error for half a second, but still smooths the block-by-block wobble.
    if (stepPending)
        measured += delay - lastDelay;
    stepPending = false;
    lastDelay = delay;
    measured += std::min(1.0, frame / config.measureSeconds) * (delay - measured);
    corrector.update(measured - delayPolicy.targetSeconds(), drift.ppm(), drift.valid(), frame);
}

void PlayoutScheduler::setOutputBlock(int frames) noexcept DRAGOMAN_NONBLOCKING
{
    if (frames <= largestBlock)
        return;
    largestBlock = frames;
    delayPolicy.setMinimumSeconds(config.delay.minimumSeconds + samplesToSeconds(frames) / 2);
}

void PlayoutScheduler::forgetStream() noexcept DRAGOMAN_NONBLOCKING
{
    buffer.forgetStream();
    arrivals.reset();
    drift.reset();
    measured = lastDelay = waited = 0.0;
    stepPending = false;
}

PlayoutStats PlayoutScheduler::stats() const noexcept DRAGOMAN_NONBLOCKING
{
    PlayoutStats s;
    s.buffer = buffer.counts();
    s.expansions = expansions;
    s.starvations = starvations;
    s.bursts = delayPolicy.bursts();
    s.driftSteps = drift.steps();
    s.targetSeconds = delayPolicy.targetSeconds();
    s.floorSeconds = delayPolicy.floorSeconds();
    s.bufferDelaySeconds = measured;
    s.jitterSeconds = arrivals.jitterSeconds();
    s.driftPpm = drift.ppm();
    s.speedPpm = corrector.speedPpm();
    s.driftValid = drift.valid();
    s.playing = buffer.playing();
    return s;
}

} // namespace dragoman
