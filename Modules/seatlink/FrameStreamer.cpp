#include "seatlink/FrameStreamer.h"

#include <chrono>

namespace dragoman
{

namespace
{
constexpr auto kPoll = std::chrono::microseconds(500);
constexpr auto kReportInterval = std::chrono::seconds(1);
} // namespace

FrameStreamer::~FrameStreamer()
{
    stop();
}

std::optional<Error> FrameStreamer::add(AudioRing& ring, const StreamEndpoint& to,
                                        const OpusSettings& opus,
                                        const std::string& interfaceAddress,
                                        const std::string& cname)
{
    Leg leg;
    leg.ring = &ring;
    auto encoder = OpusChannelEncoder::create(opus);
    if (!encoder)
        return Error{cname + ": " + encoder.error()};
    leg.encoder = std::move(encoder.value());
    ChannelDestinations destinations;
    destinations.channel = cname;
    destinations.unicast.push_back(to);
    NetworkSpec network;
    network.interface = interfaceAddress;
    network.opus = opus;
    auto sender = RtpStreamSender::create(destinations, network, cname);
    if (!sender)
        return Error{sender.error()};
    leg.sender = std::move(sender.value());
    streams.push_back(std::move(leg));
    return std::nullopt;
}

void FrameStreamer::start()
{
    if (started || streams.empty())
        return;
    started = true;
    running.store(true);
    thread = std::thread([this] { run(); });
}

void FrameStreamer::stop()
{
    if (!started)
        return;
    started = false;
    running.store(false);
    thread.join();
    for (auto& leg : streams)
        leg.sender->sendReport(true);
}

void FrameStreamer::run()
{
    std::vector<float> frame;
    std::vector<std::uint8_t> packet(opusMaxPacket);
    auto nextReport = std::chrono::steady_clock::now() + kReportInterval;
    auto wake = std::chrono::steady_clock::now();
    while (running.load(std::memory_order_relaxed))
    {
        for (auto& leg : streams)
        {
            const auto samples = static_cast<std::size_t>(leg.encoder->frameSamples());
            frame.resize(samples); // allocates once: every leg has the same frame in practice
            while (leg.ring->read(frame.data(), samples))
            {
                const auto now = std::chrono::system_clock::now();
                const std::size_t size = leg.encoder->encode(frame.data(), packet);
                if (size == 0)
                {
                    leg.sender->counters().encodeErrors.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                leg.sender->sendFrame(std::span(packet.data(), size),
                                      static_cast<std::uint32_t>(samples), now);
            }
        }
        if (std::chrono::steady_clock::now() >= nextReport)
        {
            for (auto& leg : streams)
                leg.sender->sendReport(false);
            nextReport += kReportInterval;
        }
        // Absolute wake-ups: a slow pass does not push every later poll back.
        wake += kPoll;
        const auto now = std::chrono::steady_clock::now();
        if (wake < now)
            wake = now;
        std::this_thread::sleep_until(wake);
    }
}

} // namespace dragoman
