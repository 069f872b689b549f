#include "stream/StreamSender.h"

#include "stream/ChannelSdp.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>

namespace dragoman
{

namespace
{

// Short enough to add well under an engine block to the frame; long enough to cost nothing.
constexpr auto kPoll = std::chrono::microseconds(500);
constexpr auto kReportInterval = std::chrono::seconds(1);
// Receivers report every ~2 s each; 50 ms keeps the socket buffer short with thousands of them.
constexpr auto kReadReportsInterval = std::chrono::milliseconds(50);
constexpr std::size_t kChannelsPerThread = 8;

std::optional<std::size_t> engineChannel(const Session& session, const std::string& id)
{
    if (id == "floor")
        return 0;
    for (std::size_t i = 0; i < session.channels.size(); ++i)
        if (session.channels[i].id == id)
            return i + 1;
    return std::nullopt;
}

StreamIdentity identityOf(const Session& session, std::size_t channel)
{
    if (channel == 0)
        return {"floor", "", "Floor"};
    const auto& spec = session.channels[channel - 1];
    return {spec.id, spec.language, spec.name};
}

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "dragoman";
    return name;
}

} // namespace

std::vector<bool> StreamSender::streamedChannels(const Session& session)
{
    std::vector<bool> streamed(session.channels.size() + 1, false);
    if (session.network)
        for (const auto& destinations : session.network->channels)
            if (const auto channel = engineChannel(session, destinations.channel))
                streamed[*channel] = destinations.multicast || !destinations.unicast.empty();
    return streamed;
}

Result<std::unique_ptr<StreamSender>>
StreamSender::create(const Session& session, ChannelTap& tap,
                     const std::filesystem::path& sdpDirectory)
{
    if (!session.network)
        return Error{"the session has no network section"};
    const NetworkSpec& network = *session.network;
    std::unique_ptr<StreamSender> result(new StreamSender());
    result->samples = network.opus.frameMicroseconds * opusSampleRate / 1'000'000;
    std::random_device random;
    const std::uint64_t sessionId = (std::uint64_t{random()} << 32) | random();
    std::vector<std::string> announced;
    for (const auto& destinations : network.channels)
    {
        const auto channel = engineChannel(session, destinations.channel);
        if (!channel || !tap.streamed(*channel))
            continue;
        Stream stream;
        stream.channel = destinations.channel;
        stream.ring = tap.ring(*channel);
        auto encoder = OpusChannelEncoder::create(network.opus);
        if (!encoder)
            return Error{destinations.channel + ": " + encoder.error()};
        stream.encoder = std::move(encoder.value());
        auto sender = RtpStreamSender::create(
            destinations, network, "dragoman-" + destinations.channel + "@" + hostName());
        if (!sender)
            return Error{sender.error()};
        stream.sender = std::move(sender.value());
        const auto sdp = writeSdp(channelSdp(network, destinations, identityOf(session, *channel),
                                             session.name, sessionId + *channel));
        if (!sdp)
            return Error{destinations.channel + ": cannot describe the stream: " + sdp.error()};
        result->sdpTexts.emplace_back(destinations.channel, sdp.value());
        announced.push_back(sdp.value());
        result->streams.push_back(std::move(stream));
    }
    const std::filesystem::path directory =
        sdpDirectory.empty() ? std::filesystem::path(network.sdpDir) : sdpDirectory;
    if (!directory.empty())
        if (auto error = writeSdpFiles(directory, result->sdpTexts))
            return *error;
    if (network.sap.enabled)
    {
        auto sap = SapAnnouncer::create(network, std::move(announced));
        if (!sap)
            return Error{sap.error()};
        result->announcer = std::move(sap.value());
    }
    return result;
}

StreamSender::~StreamSender()
{
    stop();
}

void StreamSender::start()
{
    running.store(true);
    for (std::size_t first = 0; first < streams.size(); first += kChannelsPerThread)
    {
        const std::size_t last = std::min(streams.size(), first + kChannelsPerThread);
        threads.emplace_back([this, first, last] { run(first, last); });
    }
    if (announcer)
        announcer->start();
}

void StreamSender::stop()
{
    if (stopped)
        return;
    stopped = true;
    running.store(false);
    if (!threads.empty())
    {
        for (auto& thread : threads)
            thread.join();
        for (auto& stream : streams)
            stream.sender->sendReport(true);
    }
    if (announcer)
        announcer->stop();
}

void StreamSender::run(std::size_t first, std::size_t last)
{
    std::vector<float> frame(static_cast<std::size_t>(samples));
    std::vector<std::uint8_t> packet(opusMaxPacket);
    auto nextReport = std::chrono::steady_clock::now() + kReportInterval;
    auto nextRead = std::chrono::steady_clock::now() + kReadReportsInterval;
    auto wake = std::chrono::steady_clock::now();
    while (running.load(std::memory_order_relaxed))
    {
        for (std::size_t s = first; s < last; ++s)
        {
            auto& stream = streams[s];
            while (stream.ring->read(frame.data(), frame.size()))
            {
                const auto now = std::chrono::system_clock::now();
                const std::size_t size = stream.encoder->encode(frame.data(), packet);
                if (size == 0)
                {
                    stream.sender->counters().encodeErrors.fetch_add(1);
                    continue;
                }
                stream.sender->sendFrame(std::span(packet.data(), size),
                                         static_cast<std::uint32_t>(samples), now);
            }
        }
        if (std::chrono::steady_clock::now() >= nextReport)
        {
            for (std::size_t s = first; s < last; ++s)
                streams[s].sender->sendReport(false);
            nextReport += kReportInterval;
        }
        if (const auto now = std::chrono::steady_clock::now(); now >= nextRead)
        {
            for (std::size_t s = first; s < last; ++s)
                streams[s].sender->readReports(now);
            nextRead = now + kReadReportsInterval;
        }
        // Absolute wake-ups: a slow pass does not push every later poll back.
        wake += kPoll;
        const auto now = std::chrono::steady_clock::now();
        if (wake < now)
            wake = now;
        std::this_thread::sleep_until(wake);
    }
}

SendTimeHistogram::Counts StreamSender::sendTimes() const
{
    SendTimeHistogram::Counts total{};
    for (const auto& stream : streams)
    {
        const auto counts = stream.sender->sendTimes().counts();
        for (std::size_t b = 0; b < total.size(); ++b)
            total[b] += counts[b];
    }
    return total;
}

std::vector<ChannelStreamStats> StreamSender::stats() const
{
    std::vector<ChannelStreamStats> result;
    for (const auto& stream : streams)
    {
        const auto& count = stream.sender->counters();
        ChannelStreamStats stats;
        stats.channel = stream.channel;
        stats.packets = count.packets.load(std::memory_order_relaxed);
        stats.bytes = count.bytes.load(std::memory_order_relaxed);
        stats.overruns = stream.ring->overrunCount();
        stats.sendErrors = count.sendErrors.load(std::memory_order_relaxed);
        stats.encodeErrors = count.encodeErrors.load(std::memory_order_relaxed);
        stats.reports = count.reports.load(std::memory_order_relaxed);
        stats.listeners = count.listeners.load(std::memory_order_relaxed);
        stats.lossPercent = count.lossPercent.load(std::memory_order_relaxed);
        stats.worstLossPercent = count.worstLossPercent.load(std::memory_order_relaxed);
        stats.jitterMs = count.jitterMs.load(std::memory_order_relaxed);
        stats.rttMs = count.rttMs.load(std::memory_order_relaxed);
        stats.rtcpMalformed = count.rtcpMalformed.load(std::memory_order_relaxed);
        stats.rtcpForeign = count.rtcpForeign.load(std::memory_order_relaxed);
        stats.listenersRefused = count.listenersRefused.load(std::memory_order_relaxed);
        result.push_back(stats);
    }
    return result;
}

} // namespace dragoman
