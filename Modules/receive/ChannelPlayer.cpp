#include "ChannelPlayer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dragoman
{

namespace
{

// Ten 10 ms frames of every channel that could be in flight at once: a scheduling hiccup of
// the audio thread does not lose packets.
constexpr std::size_t inboxCapacity = 1024;
constexpr auto publishInterval = std::chrono::milliseconds(100);

} // namespace

ChannelPlayer::ChannelPlayer(const std::vector<int>& payloadTypes, int initialChannel,
                             int maxBlockFrames)
    : queue(inboxCapacity), snapshots(64), switches(64),
      incomingAudio(std::make_unique<float[]>(static_cast<std::size_t>(maxBlockFrames))),
      maxBlock(maxBlockFrames), requested(initialChannel), active(initialChannel)
{
    for (const int payloadType : payloadTypes)
    {
        ReceiverConfig config;
        config.payloadType = payloadType;
        pipelines.push_back(std::make_unique<ReceiverPipeline>(config));
    }
}

void ChannelPlayer::requestChannel(int channel, Nanoseconds now) noexcept
{
    requestedAt.store(now.count(), std::memory_order_relaxed);
    requested.store(channel, std::memory_order_release);
}

void ChannelPlayer::drainInbox() noexcept DRAGOMAN_NONBLOCKING
{
    while (queue.pop(scratch))
    {
        if (scratch.channel == active || scratch.channel == incoming)
            pipelines[static_cast<std::size_t>(scratch.channel)]->push(scratch.datagram.view(),
                                                                       scratch.datagram.arrival);
    }
}

void ChannelPlayer::takeRequest(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    const int wanted = requested.load(std::memory_order_acquire);
    if (wanted < 0 || wanted >= static_cast<int>(pipelines.size()) || fadePosition >= 0)
        return;
    if (wanted == (incoming >= 0 ? incoming : active))
        return;
    if (wanted == active)
    {
        incoming = -1; // back to the channel still playing: nothing to fade
        return;
    }
    incoming = wanted;
    incomingPlaying = false;
    incomingSince = now;
    pipelines[static_cast<std::size_t>(incoming)]->forgetStream();
    incomingStreamsAtSelection = pipelines[static_cast<std::size_t>(incoming)]->stats().streams;
    pendingReport = {};
    pendingReport.from = active;
    pendingReport.to = incoming;
    pendingReport.requestFrame = framesOut;
    const auto askedAt = Nanoseconds(requestedAt.load(std::memory_order_relaxed));
    pendingReport.milliseconds = -toSeconds(askedAt) * 1e3; // completed when the fade begins
}

void ChannelPlayer::render(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    frames = std::min(frames, maxBlock);
    drainInbox();
    takeRequest(now);
    pipelines[static_cast<std::size_t>(active)]->pull(out, frames, now);
    if (incoming >= 0)
    {
        auto& next = *pipelines[static_cast<std::size_t>(incoming)];
        next.pull(incomingAudio.get(), frames, now);
        // The block in which the new channel began may start with silence: the crossfade
        // starts with the next one, which is all audio.
        if (fadePosition < 0 && (incomingPlaying || toSeconds(now - incomingSince) > giveUpSeconds))
        {
            fadePosition = 0;
            pendingReport.fadeFrame = framesOut;
            pendingReport.milliseconds += toSeconds(now) * 1e3;
        }
        if (fadePosition < 0)
            incomingPlaying = next.scheduler().stats().playing;
        else
        {
            // Equal-power (sine/cosine) crossfade: the two channels are uncorrelated speech.
            for (int i = 0; i < frames; ++i)
            {
                const float position =
                    std::min(1.0f, static_cast<float>(fadePosition + i) / fadeFrames);
                const float angle = position * std::numbers::pi_v<float> / 2.0f;
                out[i] = out[i] * std::cos(angle) + incomingAudio[i] * std::sin(angle);
            }
            fadePosition += frames;
            if (fadePosition >= fadeFrames)
            {
                active = incoming;
                streamsAtSelection = incomingStreamsAtSelection;
                incoming = -1;
                fadePosition = -1;
                ++switchCount;
                switches.push(pendingReport);
            }
        }
    }
    framesOut += static_cast<std::uint64_t>(frames);
    publish(now);
}

void ChannelPlayer::publish(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    if (published && now - lastPublished < publishInterval)
        return;
    published = true;
    lastPublished = now;
    PlayerSnapshot snapshot;
    snapshot.stats = pipelines[static_cast<std::size_t>(active)]->stats();
    snapshot.channel = active;
    snapshot.at = now;
    snapshot.frames = framesOut;
    snapshot.switches = switchCount;
    snapshot.streamsSinceSelected = snapshot.stats.streams - streamsAtSelection;
    snapshots.push(snapshot); // full: the control thread is behind; it reads the newest anyway
}

} // namespace dragoman
