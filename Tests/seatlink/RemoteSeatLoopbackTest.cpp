// Both ends of a remote seat on loopback: RemoteSeatLink (the engine's end) and RemoteSeatAudio
// (the interpreter's end) exchange RTP/Opus over 127.0.0.1 while this test plays both audio
// threads in real time, 64-frame blocks as a JACK period. The interpreter's tone must reach the
// engine's microphone input, the seat's feed must reach the ears, and a feed at full scale must
// leave the ears no louder than the headset's 100 dB SPL ceiling.

#include "core/Floorplan.h"
#include "core/SessionFile.h"
#include "dsp/SplCalibration.h"
#include "seatlink/RemoteSeatAudio.h"
#include "seatlink/RemoteSeatLink.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <thread>
#include <vector>

using namespace dragoman;

namespace
{

constexpr int kBlock = 64;
constexpr double kRate = 48000.0;

// Ports of our own, so that parallel test runs on one host do not meet.
std::uint16_t basePort()
{
    return static_cast<std::uint16_t>(20000 + (::getpid() % 2000) * 8);
}

Floorplan remoteFloorplan(std::uint16_t micPort, std::uint16_t feedPort)
{
    const std::string yaml = "name: Test\n"
                             "floor: { language: en }\n"
                             "channels: [{ id: ru, language: ru, name: Russian }]\n"
                             "booths:\n"
                             "  - id: ru\n"
                             "    outputs: { A: ru }\n"
                             "    seats:\n"
                             "      - ru-1\n"
                             "      - id: ru-2\n"
                             "        remote: { listen: '127.0.0.1:" +
                             std::to_string(micPort) +
                             "', send_to: '127.0.0.1:" + std::to_string(feedPort) + "' }\n";
    auto session = parseSession(yaml, "test");
    REQUIRE(session.ok());
    return Floorplan(std::move(session.value()));
}

struct Tone
{
    double hz;
    double amplitude;
    double phase = 0.0;
    void fill(float* out, int n)
    {
        for (int i = 0; i < n; ++i)
        {
            out[i] = static_cast<float>(amplitude * std::sin(phase));
            phase += 2.0 * std::numbers::pi * hz / kRate;
        }
    }
};

double rms(const std::vector<float>& x)
{
    double sum = 0.0;
    for (const float v : x)
        sum += double(v) * v;
    return x.empty() ? 0.0 : std::sqrt(sum / double(x.size()));
}

// Frequency by counting rising zero crossings: enough for one clean tone.
double frequency(const std::vector<float>& x)
{
    int crossings = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        if (x[i - 1] < 0.0f && x[i] >= 0.0f)
            ++crossings;
    return crossings * kRate / double(x.size());
}

struct Recording
{
    std::vector<float> engineMic; // what the engine got as ru-2's microphone
    std::vector<float> ears;      // what the interpreter heard
};

// Runs both ends for `seconds` in real time; keeps the last `keepSeconds` of each direction.
Recording run(RemoteSeatLink& link, std::size_t seat, RemoteSeatAudio& remote, Tone mic, Tone feed,
              double seconds, double keepSeconds)
{
    link.start();
    remote.start();
    std::vector<float> micBlock(kBlock);
    std::vector<float> earsBlock(kBlock);
    std::vector<float*> seatOuts(link.seatCount(), nullptr);
    Recording recording;
    const int blocks = static_cast<int>(seconds * kRate / kBlock);
    const int keepFrom = blocks - static_cast<int>(keepSeconds * kRate / kBlock);
    const auto period = std::chrono::nanoseconds(1'000'000'000LL * kBlock / 48000);
    auto due = std::chrono::steady_clock::now();
    for (int b = 0; b < blocks; ++b)
    {
        std::this_thread::sleep_until(due);
        due += period;
        const auto now = std::chrono::duration_cast<Nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
        // The engine's audio thread: the remote mic in, the seat's feed out.
        link.receive(kBlock, now);
        const float* engineMic = link.microphone(seat);
        seatOuts[seat] = link.headphones(seat);
        feed.fill(seatOuts[seat], kBlock);
        link.send(seatOuts.data(), kBlock);
        // The interpreter's audio thread.
        mic.fill(micBlock.data(), kBlock);
        remote.process(micBlock.data(), earsBlock.data(), kBlock, now);
        if (b >= keepFrom)
        {
            recording.engineMic.insert(recording.engineMic.end(), engineMic, engineMic + kBlock);
            recording.ears.insert(recording.ears.end(), earsBlock.begin(), earsBlock.end());
        }
    }
    remote.stop();
    link.stop();
    return recording;
}

} // namespace

TEST_CASE("A remote seat's microphone reaches the engine and its feed reaches the ears",
          "[seatlink]")
{
    const auto port = basePort();
    const Floorplan plan = remoteFloorplan(port, static_cast<std::uint16_t>(port + 2));
    auto link = RemoteSeatLink::open(plan, kBlock, "127.0.0.1");
    REQUIRE(link.ok());
    REQUIRE_FALSE(link.value()->empty());
    const auto seat = static_cast<std::size_t>(*plan.seatIndex("ru-2"));
    CHECK(link.value()->microphone(0) == nullptr); // ru-1 is wired to the engine's device
    REQUIRE(link.value()->microphone(seat) != nullptr);

    RemoteSeatConfig config;
    config.engine = {"127.0.0.1", port};
    config.listen = {"127.0.0.1", static_cast<std::uint16_t>(port + 2)};
    config.maxBlock = kBlock;
    auto remote = RemoteSeatAudio::open(config);
    REQUIRE(remote.ok());

    const auto heard =
        run(*link.value(), seat, *remote.value(), Tone{1000.0, 0.25}, Tone{440.0, 0.1}, 2.0, 1.0);
    // Opus at 64 kb/s keeps a tone's level within a dB or so and its pitch exactly.
    CHECK(rms(heard.engineMic) == Approx(0.25 / std::sqrt(2.0)).epsilon(0.15));
    CHECK(frequency(heard.engineMic) == Approx(1000.0).epsilon(0.02));
    CHECK(rms(heard.ears) == Approx(0.1 / std::sqrt(2.0)).epsilon(0.15));
    CHECK(frequency(heard.ears) == Approx(440.0).epsilon(0.02));

    const auto stats = link.value()->stats();
    REQUIRE(stats.size() == 1);
    CHECK(stats[0].seat == "ru-2");
    CHECK(stats[0].feedPackets > 500);
    CHECK(stats[0].feedOverruns == 0);
    const auto remoteStats = remote.value()->stats();
    CHECK(remoteStats.micPackets > 500);
    CHECK(remoteStats.maxReductionDb == 0.0f); // a quiet feed passes untouched
}

TEST_CASE("A full-scale feed leaves a remote seat's ears no louder than the headset's ceiling",
          "[seatlink]")
{
    const auto port = static_cast<std::uint16_t>(basePort() + 4);
    const Floorplan plan = remoteFloorplan(port, static_cast<std::uint16_t>(port + 2));
    auto link = RemoteSeatLink::open(plan, kBlock, "127.0.0.1");
    REQUIRE(link.ok());
    const auto seat = static_cast<std::size_t>(*plan.seatIndex("ru-2"));

    RemoteSeatConfig config;
    config.engine = {"127.0.0.1", port};
    config.listen = {"127.0.0.1", static_cast<std::uint16_t>(port + 2)};
    config.splAt0dBFS = 118.0; // a sensitive headset: full scale would be 118 dB SPL
    config.maxBlock = kBlock;
    auto remote = RemoteSeatAudio::open(config);
    REQUIRE(remote.ok());

    const auto heard =
        run(*link.value(), seat, *remote.value(), Tone{1000.0, 0.1}, Tone{1000.0, 0.98}, 2.0, 1.0);
    float peak = 0.0f;
    for (const float v : heard.ears)
        peak = std::max(peak, std::abs(v));
    // The ceiling: a 100 dB SPL sine's peak; over 100 ms, a 94 dB SPL sine's RMS.
    CHECK(peak <= sinePeakAtSpl(100.0, 118.0) * 1.0001);
    CHECK(rms(heard.ears) <= std::sqrt(sineMeanSquareAtSpl(94.0, 118.0)) * 1.0001);
    CHECK(rms(heard.ears) > 0.5 * std::sqrt(sineMeanSquareAtSpl(94.0, 118.0)));
    CHECK(remote.value()->stats().maxReductionDb > 10.0f);
}
