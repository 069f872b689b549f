#include "BenchRemoteInProcess.h"

#include "BenchRemoteClicks.h"

#include "UdpRelay.h"
#include "core/Floorplan.h"
#include "core/SessionFile.h"
#include "seatlink/RemoteSeatAudio.h"
#include "seatlink/RemoteSeatLink.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace dragoman::cli
{

namespace
{

constexpr int kBlock = 64;
constexpr double kWarmUpSeconds = 1.5;

// One impairment relay on its own thread: `listen` -> `forward`.
class Relay
{
public:
    std::optional<Error> start(std::uint16_t listen, std::uint16_t forward,
                               const impair::ImpairmentSettings& settings)
    {
        model = std::make_unique<impair::ImpairmentModel>(settings);
        const auto error = relay.open("127.0.0.1:" + std::to_string(listen),
                                      "127.0.0.1:" + std::to_string(forward), false);
        if (!error.empty())
            return Error{"relay: " + error};
        thread = std::thread([this] { relay.run(*model, 0.0); });
        return std::nullopt;
    }
    ~Relay()
    {
        relay.stop();
        if (thread.joinable())
            thread.join();
    }
    const impair::RelayCounters& counters() const { return relay.counters(); }

private:
    impair::UdpRelay relay;
    std::unique_ptr<impair::ImpairmentModel> model;
    std::thread thread;
};

nlohmann::ordered_json summary(const ClickLeg& leg, int sent)
{
    auto delays = leg.delaysMs();
    std::sort(delays.begin(), delays.end());
    const auto at = [&](double q)
    {
        return delays.empty()
                   ? 0.0
                   : delays[std::min(delays.size() - 1,
                                     static_cast<std::size_t>(q * double(delays.size())))];
    };
    nlohmann::ordered_json json;
    json["clicks"] = sent;
    json["heard"] = delays.size();
    json["missed"] = leg.missed();
    json["min_ms"] = delays.empty() ? 0.0 : delays.front();
    json["median_ms"] = at(0.5);
    json["p95_ms"] = at(0.95);
    json["max_ms"] = delays.empty() ? 0.0 : delays.back();
    return json;
}

} // namespace

Result<nlohmann::ordered_json> measureRemoteInProcess(const InProcessCase& options, double loss,
                                                      std::uint16_t port)
{
    // Engine listens on port, relay for the mic on port + 2; the seat listens on port + 4, the
    // feed's relay on port + 6. RTCP goes one port up from each.
    const auto mic = port;
    const auto micRelay = static_cast<std::uint16_t>(port + 2);
    const auto ears = static_cast<std::uint16_t>(port + 4);
    const auto feedRelay = static_cast<std::uint16_t>(port + 6);
    auto session = parseSession(
        "name: Bench\nfloor: { language: en }\n"
        "channels: [{ id: ru, language: ru, name: Russian }]\n"
        "booths:\n  - id: ru\n    outputs: { A: ru }\n    seats:\n"
        "      - { id: ru-1, remote: { listen: '127.0.0.1:" +
            std::to_string(mic) + "', send_to: '127.0.0.1:" + std::to_string(feedRelay) + "' } }\n",
        "bench");
    if (!session)
        return Error{session.error()};
    const Floorplan plan(std::move(session.value()));
    auto link = RemoteSeatLink::open(plan, kBlock, "127.0.0.1");
    if (!link)
        return Error{link.error()};
    RemoteSeatConfig config;
    config.engine = {"127.0.0.1", micRelay};
    config.listen = {"127.0.0.1", ears};
    config.frameMicroseconds = static_cast<int>(options.frameMs * 1000.0 + 0.5);
    config.maxBlock = kBlock;
    auto remote = RemoteSeatAudio::open(config);
    if (!remote)
        return Error{remote.error()};
    impair::ImpairmentSettings settings;
    settings.lossPercent = loss;
    settings.jitterMs = options.jitterMs;
    settings.seed = 1;
    Relay toEngine;
    Relay toSeat;
    if (auto error = toEngine.start(micRelay, mic, settings))
        return *error;
    settings.seed = 2;
    if (auto error = toSeat.start(feedRelay, ears, settings))
        return *error;

    link.value()->start();
    remote.value()->start();
    // Below the limiter's 100 dB SPL ceiling at the default calibration: the click is timed, not
    // squashed.
    ClickLeg floorToEar(1, 0.25);
    ClickLeg micToChannel(2, 0.25);
    std::vector<float> micBlock(kBlock);
    std::vector<float> earsBlock(kBlock);
    std::vector<float*> seatOuts(1, link.value()->headphones(0));
    const auto period = std::chrono::nanoseconds(1'000'000'000LL * kBlock / 48000);
    const auto begin = std::chrono::steady_clock::now();
    auto due = begin;
    bool armed = false;
    for (;;)
    {
        std::this_thread::sleep_until(due);
        due += period;
        const auto now = std::chrono::steady_clock::now();
        if (!armed && now - begin > std::chrono::duration<double>(kWarmUpSeconds))
        {
            floorToEar.arm(options.clicks);
            micToChannel.arm(options.clicks);
            armed = true;
        }
        if (armed && floorToEar.finished() && micToChannel.finished())
            break;
        const auto stamp = std::chrono::duration_cast<Nanoseconds>(now.time_since_epoch());
        // The engine's audio thread.
        link.value()->receive(kBlock, stamp);
        micToChannel.listen(link.value()->microphone(0), kBlock);
        floorToEar.send(seatOuts[0], kBlock);
        link.value()->send(seatOuts.data(), kBlock);
        // The interpreter's audio thread.
        micToChannel.send(micBlock.data(), kBlock);
        remote.value()->process(micBlock.data(), earsBlock.data(), kBlock, stamp);
        floorToEar.listen(earsBlock.data(), kBlock);
    }
    remote.value()->stop();
    link.value()->stop();

    nlohmann::ordered_json json;
    json["loss_percent"] = loss;
    json["jitter_ms"] = options.jitterMs;
    json["floor_to_ear"] = summary(floorToEar, options.clicks);
    json["mic_to_channel"] = summary(micToChannel, options.clicks);
    json["relay_dropped"] = {{"to_engine", toEngine.counters().dropped},
                             {"to_seat", toSeat.counters().dropped}};
    const auto feed = remote.value()->stats().feed.value_or(ReceiverStats{});
    json["seat_buffer_ms"] = feed.bufferDelayMs;
    const auto stats = link.value()->stats();
    json["engine_buffer_ms"] =
        stats.empty() ? 0.0 : stats[0].microphone.value_or(ReceiverStats{}).bufferDelayMs;
    return json;
}

} // namespace dragoman::cli
