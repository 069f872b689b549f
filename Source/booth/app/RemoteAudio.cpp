#include "RemoteAudio.h"

#include "stream/ReceiveSocket.h"

#include <cstdio>

namespace dragoman::booth
{

namespace
{
constexpr int kReadingsPerSecond = 2;

RemoteAudioCounters countersOf(const RemoteSeatAudioStats& stats, bool audioRunning)
{
    RemoteAudioCounters counters;
    counters.micPackets = stats.micPackets;
    counters.feedDatagrams = stats.feedDatagrams;
    if (stats.feed)
    {
        counters.feedReceived = stats.feed->received;
        counters.feedLost = stats.feed->lost;
        counters.jitterMs = stats.feed->jitterMs;
        counters.bufferDelayMs = stats.feed->bufferDelayMs;
    }
    counters.limiterReductionDb = stats.maxReductionDb;
    counters.leqSpl = stats.leqSpl;
    counters.exposureWarning = stats.exposureWarning;
    counters.audioRunning = audioRunning;
    return counters;
}
} // namespace

RemoteAudio::RemoteAudio(BoothModel& boothModel, ChangeHandler changed)
    : model(boothModel), onChange(std::move(changed))
{
}

Result<std::unique_ptr<RemoteAudio>> RemoteAudio::open(const RemoteAudioOptions& options,
                                                       BoothModel& model, ChangeHandler onChange)
{
    auto engine = parseEndpoint(options.engine);
    if (!engine)
        return Error{"--remote-audio " + engine.error()};
    auto listen = parseEndpoint(options.listen);
    if (!listen)
        return Error{"--remote-listen " + listen.error()};
    RemoteSeatConfig config;
    config.engine = engine.value();
    config.listen = listen.value();
    config.splAt0dBFS = options.splAt0dBFS;
    config.maxBlock = seatMaxBlockFrames;
    config.name = "booth";
    std::unique_ptr<RemoteAudio> audio(new RemoteAudio(model, std::move(onChange)));
    auto seat = RemoteSeatAudio::open(config);
    if (!seat)
        return Error{"remote audio: " + seat.error()};
    audio->seat = std::move(seat.value());
    auto io = openSeatDevice(*audio->seat, options.hostApi, options.device, kJackClient);
    if (!io)
        return Error{"remote audio: " + io.error()};
    audio->io = std::move(io.value());
    char spl[16];
    std::snprintf(spl, sizeof spl, "%.1f", options.splAt0dBFS);
    audio->text = "microphone to " + options.engine + ", feed on " + options.listen +
                  ", limiter at " + spl + " dB SPL full scale, " + audio->io->description();
    return audio;
}

RemoteAudio::~RemoteAudio()
{
    stopTimer();
    if (io) // the device first: its callback runs the seat's audio
        io->stop();
    if (seat)
        seat->stop();
}

std::optional<Error> RemoteAudio::start()
{
    seat->start();
    if (auto error = io->start())
        return error;
    // Shown at once, before the first reading: nothing has arrived yet.
    RemoteLinkView starting;
    starting.active = true;
    starting.audioRunning = true;
    onChange(model.applyRemoteLink(starting));
    startTimerHz(kReadingsPerSecond);
    return std::nullopt;
}

void RemoteAudio::timerCallback()
{
    const auto view = meter.update(countersOf(seat->stats(), io->healthy()));
    if (const auto changes = model.applyRemoteLink(view); changes != changeNone)
        onChange(changes);
}

} // namespace dragoman::booth
