#include "receive/OpusFrameDecoder.h"
#include "OpusTestSender.h"
#include "net/Rtp.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <vector>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

// The Opus payloads of a chirp encoded as the receiver's tests send it.
std::vector<std::vector<std::uint8_t>> payloads(int frames, int bitrate = 32000)
{
    SenderSettings settings;
    settings.bitrate = bitrate;
    OpusTestSender sender(settings);
    const auto signal = chirp(frames * 480);
    std::vector<std::vector<std::uint8_t>> out;
    for (const auto& datagram : sender.packets(signal))
    {
        const auto p = parseRtp(datagram);
        REQUIRE(p.ok());
        out.emplace_back(p->payload.begin(), p->payload.end());
    }
    return out;
}

double rms(const float* x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += double{x[i]} * x[i];
    return std::sqrt(sum / n);
}

} // namespace

TEST_CASE("packet durations come from the table of contents", "[receive][OpusFrameDecoder]")
{
    // Config 31 (CELT FB 20 ms), code 0; config 1 (SILK NB 20 ms)... one byte each.
    const std::array<std::uint8_t, 1> celt20{31 << 3};
    const std::array<std::uint8_t, 1> celt2_5{28 << 3};
    const std::array<std::uint8_t, 1> silk10{0 << 3};
    const std::array<std::uint8_t, 1> hybrid10{12 << 3};
    CHECK(OpusFrameDecoder::packetSamples(celt20) == 960);
    CHECK(OpusFrameDecoder::packetSamples(celt2_5) == 120);
    CHECK(OpusFrameDecoder::packetSamples(silk10) == 480);
    CHECK(OpusFrameDecoder::packetSamples({}) == -1);
    const std::array<std::uint8_t, 1> code3WithoutCount{0x03};
    CHECK(OpusFrameDecoder::packetSamples(code3WithoutCount) == -1);
    CHECK(OpusFrameDecoder::canCarryFec(silk10));
    CHECK(OpusFrameDecoder::canCarryFec(hybrid10));
    CHECK_FALSE(OpusFrameDecoder::canCarryFec(celt20));
}

TEST_CASE("decode, conceal and FEC each give a frame of audio", "[receive][OpusFrameDecoder]")
{
    const auto packets = payloads(100);
    OpusFrameDecoder decoder;
    std::vector<float> out(OpusFrameDecoder::maxFrameSamples);
    for (int k = 0; k < 50; ++k)
        REQUIRE(decoder.decode(packets[static_cast<std::size_t>(k)], out) == 480);
    CHECK(rms(out.data(), 480) > 0.1);

    // Packet 50 lost: conceal it, then go on with 51.
    CHECK(decoder.conceal(480, out) == 480);
    CHECK(rms(out.data(), 480) > 0.01);
    CHECK(decoder.decode(packets[51], out) == 480);

    CHECK(decoder.conceal(100, out) < 0); // not a multiple of 2.5 ms
    decoder.reset();
    CHECK(decoder.decode(packets[60], out) == 480);
}

TEST_CASE("a lost frame rebuilt from the next packet's FEC matches the original",
          "[receive][OpusFrameDecoder]")
{
    const auto packets = payloads(100);
    OpusFrameDecoder everything;
    OpusFrameDecoder missing52;
    std::vector<float> full(OpusFrameDecoder::maxFrameSamples);
    std::vector<float> rebuilt(OpusFrameDecoder::maxFrameSamples);
    for (std::size_t k = 0; k <= 52; ++k)
    {
        REQUIRE(everything.decode(packets[k], full) == 480);
        if (k < 52)
            REQUIRE(missing52.decode(packets[k], rebuilt) == 480);
    }
    REQUIRE(OpusFrameDecoder::canCarryFec(packets[53])); // 32 kb/s voice: SILK or hybrid
    REQUIRE(missing52.decodeFec(packets[53], 480, rebuilt) == 480);
    double xy = 0.0;
    double xx = 0.0;
    double yy = 0.0;
    for (std::size_t i = 0; i < 480; ++i)
    {
        xy += double{full[i]} * rebuilt[i];
        xx += double{full[i]} * full[i];
        yy += double{rebuilt[i]} * rebuilt[i];
    }
    CHECK(xy / std::sqrt(xx * yy) > 0.8);
}

TEST_CASE("a garbage payload is refused by libopus, not decoded into noise",
          "[receive][OpusFrameDecoder]")
{
    OpusFrameDecoder decoder;
    std::vector<float> out(OpusFrameDecoder::maxFrameSamples);
    // Code 3 (several frames) claiming 48 CBR frames of 20 ms: 960 ms, more than any packet.
    const std::array<std::uint8_t, 2> tooLong{(31 << 3) | 3, 48};
    CHECK(decoder.decode(tooLong, out) < 0);
    CHECK(decoder.decode({}, out) < 0); // an empty payload is no packet (libopus would conceal)
}
