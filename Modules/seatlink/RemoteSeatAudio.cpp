#include "seatlink/RemoteSeatAudio.h"

#include "seatlink/SeatCodec.h"

#include <algorithm>

namespace dragoman
{

Result<std::unique_ptr<RemoteSeatAudio>> RemoteSeatAudio::open(const RemoteSeatConfig& config)
{
    std::unique_ptr<RemoteSeatAudio> seat(new RemoteSeatAudio());
    seat->silence.assign(static_cast<std::size_t>(config.maxBlock), 0.0f);
    HearingProtectionSettings settings;
    settings.splAt0dBFS = config.splAt0dBFS;
    seat->limiter.prepare(settings, opusSampleRate, config.maxBlock);
    if (auto error = seat->inbox.listen(config.listen.address, config.listen.port, seat->receiver))
        return Error{"listen: " + error->message};
    if (auto error = seat->streamer.add(seat->micRing, config.engine,
                                        remoteSeatOpus(config.frameMicroseconds),
                                        config.interfaceAddress, "dragoman-" + config.name))
        return Error{"engine: " + error->message};
    return seat;
}

RemoteSeatAudio::~RemoteSeatAudio()
{
    stop();
}

void RemoteSeatAudio::start()
{
    inbox.start();
    streamer.start();
}

void RemoteSeatAudio::stop()
{
    inbox.stop();
    streamer.stop();
}

void RemoteSeatAudio::process(const float* mic, float* ears, int frames,
                              Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING
{
    micRing.write(mic != nullptr ? mic : silence.data(), static_cast<std::size_t>(frames));
    receiver.pull(ears, frames, now);
    limiter.process(ears, frames);
    if (limiter.gainReductionDb() > reduction.load(std::memory_order_relaxed))
        reduction.store(limiter.gainReductionDb(), std::memory_order_relaxed);
    leq.store(limiter.leqSpl(), std::memory_order_relaxed);
    warning.store(limiter.exposureWarning(), std::memory_order_relaxed);
}

RemoteSeatAudioStats RemoteSeatAudio::stats()
{
    if (auto latest = receiver.latestStats())
        lastFeed = latest;
    RemoteSeatAudioStats stats;
    const auto& sent = streamer.counters(0);
    stats.micPackets = sent.packets.load(std::memory_order_relaxed);
    stats.micSendErrors = sent.sendErrors.load(std::memory_order_relaxed);
    stats.micOverruns = micRing.overrunCount();
    stats.feedDatagrams = inbox.received();
    stats.feedInboxDrops = receiver.droppedDatagrams();
    stats.feed = lastFeed;
    stats.maxReductionDb = reduction.exchange(0.0f, std::memory_order_relaxed);
    stats.leqSpl = leq.load(std::memory_order_relaxed);
    stats.exposureWarning = warning.load(std::memory_order_relaxed);
    return stats;
}

} // namespace dragoman
