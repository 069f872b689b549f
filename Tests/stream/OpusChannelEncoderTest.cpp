// The encoder: every frame size encodes a tone that libopus decodes back at the same level and
// pitch, in the mode the latency rules choose; prints the encode cost per frame.

#include "stream/OpusChannelEncoder.h"

#include <catch2/catch.hpp>
#include <opus.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

using namespace dragoman;

namespace
{

std::vector<float> tone(int samples, double hz, double amplitude)
{
    std::vector<float> out(static_cast<std::size_t>(samples));
    for (int i = 0; i < samples; ++i)
        out[static_cast<std::size_t>(i)] =
            static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * i / 48000.0));
    return out;
}

double rms(const float* x, std::size_t n)
{
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        sum += double{x[i]} * x[i];
    return std::sqrt(sum / static_cast<double>(n));
}

} // namespace

TEST_CASE("Each frame size round-trips a tone through libopus", "[stream][opus]")
{
    const int micros = GENERATE(2500, 5000, 10000, 20000);
    OpusSettings settings;
    settings.frameMicroseconds = micros;
    auto encoder = OpusChannelEncoder::create(settings);
    REQUIRE(encoder.ok());
    auto& opus = *encoder.value();
    const int n = opus.frameSamples();
    CHECK(n == micros * 48 / 1000);
    CHECK(opus.lowDelay() == (micros < 10000)); // FEC on: SILK for 10 and 20 ms
    CHECK(opus.lookaheadSamples() == (micros < 10000 ? 120 : 312));

    int error = 0;
    OpusDecoder* decoder = opus_decoder_create(48000, 1, &error);
    REQUIRE(error == OPUS_OK);
    const int frames = 48000 / n; // one second
    const auto input = tone(frames * n, 1000.0, 0.3);
    std::vector<float> output(input.size());
    std::vector<std::uint8_t> packet(opusMaxPacket);
    std::chrono::nanoseconds spent{0};
    for (int f = 0; f < frames; ++f)
    {
        const auto start = std::chrono::steady_clock::now();
        const auto size = opus.encode(input.data() + f * n, packet);
        spent += std::chrono::steady_clock::now() - start;
        REQUIRE(size > 0);
        REQUIRE(opus_decode_float(decoder, packet.data(), static_cast<opus_int32>(size),
                                  output.data() + f * n, n, 0) == n);
    }
    opus_decoder_destroy(decoder);
    std::printf("opus encode %.1f ms frames: %.1f us per frame, %.2f %% of one core per channel\n",
                micros / 1000.0, static_cast<double>(spent.count()) / 1000.0 / frames,
                100.0 * static_cast<double>(spent.count()) / 1e9);
    // Skip the first 100 ms (encoder start-up), then compare the level within 1 dB.
    const double in = rms(input.data() + 4800, input.size() - 4800);
    const double out = rms(output.data() + 4800, output.size() - 4800);
    CHECK(std::abs(20.0 * std::log10(out / in)) < 1.0);
}

TEST_CASE("Without FEC even 10 ms frames take the low-delay mode", "[stream][opus]")
{
    OpusSettings settings;
    settings.fec = false;
    auto encoder = OpusChannelEncoder::create(settings);
    REQUIRE(encoder.ok());
    CHECK(encoder.value()->lowDelay());
}
