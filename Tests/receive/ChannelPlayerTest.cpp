// ChannelPlayer: two simulated channels (Opus sines at 1 kHz and 1.5 kHz), a switch requested
// while the first plays. The new tone must take over within a frame, the jitter buffer's floor
// and the 5 ms crossfade, and the switch must not click.

#include "receive/ChannelPlayer.h"
#include "OpusTestSender.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <vector>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int block = 240; // 5 ms, as the WAV writer renders

std::vector<float> sine(double hz, int samples)
{
    std::vector<float> s(static_cast<std::size_t>(samples));
    for (int n = 0; n < samples; ++n)
        s[static_cast<std::size_t>(n)] =
            static_cast<float>(0.25 * std::sin(2 * 3.14159265358979 * hz * n / receiveSampleRate));
    return s;
}

// Magnitude of `hz` in 480 samples (10 ms) from `start`: 1 and 1.5 kHz both make whole cycles
// in it, so neither leaks into the other's bin.
double tone(const std::vector<float>& x, std::size_t start, double hz)
{
    std::complex<double> sum;
    for (std::size_t i = 0; i < 480; ++i)
        sum += double{x[start + i]} *
               std::polar(1.0, -2 * 3.14159265358979 * hz * static_cast<double>(i) / 48000);
    return std::abs(sum);
}

struct TwoChannels
{
    std::vector<std::vector<std::uint8_t>> packets[2];

    TwoChannels()
    {
        SenderSettings a;
        SenderSettings b;
        b.ssrc = 77;
        OpusTestSender senderA(a);
        OpusTestSender senderB(b);
        packets[0] = senderA.packets(sine(1000, 3 * receiveSampleRate));
        packets[1] = senderB.packets(sine(1500, 3 * receiveSampleRate));
    }

    // Both channels' packets sent every 10 ms from t = 0, arriving 1 ms later.
    void deliver(ChannelPlayer& player, std::size_t& next, Nanoseconds now) const
    {
        while (next < packets[0].size() &&
               Nanoseconds(static_cast<std::int64_t>(next) * 10'000'000 + 1'000'000) <= now)
        {
            for (int c = 0; c < 2; ++c)
            {
                ChannelDatagram d;
                d.channel = c;
                const auto& bytes = packets[c][next];
                std::copy(bytes.begin(), bytes.end(), d.datagram.bytes.begin());
                d.datagram.size = static_cast<std::uint16_t>(bytes.size());
                d.datagram.arrival =
                    Nanoseconds(static_cast<std::int64_t>(next) * 10'000'000 + 1'000'000);
                REQUIRE(player.inbox().push(d));
            }
            ++next;
        }
    }
};

} // namespace

TEST_CASE("a channel switch takes the new tone within 40 ms and does not click",
          "[receive][ChannelPlayer]")
{
    const TwoChannels channels;
    ChannelPlayer player({96, 96}, 0, block);
    std::vector<float> out(static_cast<std::size_t>(2.5 * receiveSampleRate));
    std::size_t next = 0;
    const std::size_t requestAt = receiveSampleRate; // 1 s
    for (std::size_t position = 0; position + block <= out.size(); position += block)
    {
        const Nanoseconds now(static_cast<std::int64_t>(position) * 1'000'000'000LL /
                              receiveSampleRate);
        if (position == requestAt)
            player.requestChannel(1, now);
        channels.deliver(player, next, now);
        player.render(out.data() + position, block, now);
    }

    SwitchReport report;
    REQUIRE(player.nextSwitch(report));
    CHECK(report.from == 0);
    CHECK(report.to == 1);
    CHECK(report.requestFrame == requestAt);
    CHECK(report.fadeFrame > report.requestFrame);
    CHECK(report.milliseconds < 40.0);
    CHECK_FALSE(player.nextSwitch(report));

    // Before: the old tone; from the crossfade's end: the new one.
    CHECK(tone(out, requestAt - 480, 1000) > 10 * tone(out, requestAt - 480, 1500));
    const std::size_t after = report.fadeFrame + ChannelPlayer::fadeFrames;
    CHECK(tone(out, after, 1500) > 10 * tone(out, after, 1000));
    CHECK(static_cast<double>(after - requestAt) / 48.0 < 45.0);

    // No click: no sample step larger than the two tones' own (0.25 x 2 pi x 1500 / 48000 =
    // 0.049), with a margin for the codec.
    float largest = 0.0f;
    for (std::size_t i = requestAt - 480; i < after + 480; ++i)
        largest = std::max(largest, std::abs(out[i + 1] - out[i]));
    CHECK(largest < 0.06f);

    PlayerSnapshot snapshot;
    PlayerSnapshot latest;
    bool any = false;
    while (player.nextSnapshot(snapshot))
    {
        latest = snapshot;
        any = true;
    }
    REQUIRE(any);
    CHECK(latest.channel == 1);
    CHECK(latest.switches == 1);
    CHECK(latest.streamsSinceSelected == 1); // the switch itself is no SSRC change
    CHECK(latest.stats.playing);
}

TEST_CASE("asking for the channel already playing changes nothing", "[receive][ChannelPlayer]")
{
    const TwoChannels channels;
    ChannelPlayer player({96, 96}, 1, block);
    std::vector<float> out(block);
    std::size_t next = 0;
    for (int k = 0; k < 100; ++k)
    {
        const Nanoseconds now(static_cast<std::int64_t>(k) * 5'000'000);
        if (k == 50)
            player.requestChannel(1, now);
        if (k == 60)
            player.requestChannel(7, now); // no such channel: ignored
        channels.deliver(player, next, now);
        player.render(out.data(), block, now);
    }
    SwitchReport report;
    CHECK_FALSE(player.nextSwitch(report));
}
