#pragma once
// The sending side for the receiver's tests: a real libopus encoder (mono 48 kHz, in-band FEC)
// packetised into RTP, fed from a test signal.

#include "RtpTestPackets.h"
#include "receive/Timing.h"

#include <opus.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace dragoman::test
{

// A linear chirp from 300 Hz to 3 kHz, restarting every second: speech-band content whose
// correlation peak is sharp, so the receiver's delay can be found and its audio compared.
inline float chirpSample(std::int64_t n)
{
    constexpr double pi = 3.14159265358979323846;
    constexpr double period = 1.0;
    constexpr double f0 = 300.0;
    constexpr double f1 = 3000.0;
    const double tau = std::fmod(static_cast<double>(n) / receiveSampleRate, period);
    const double phase = 2 * pi * (f0 * tau + (f1 - f0) * tau * tau / (2 * period));
    return static_cast<float>(0.4 * std::sin(phase));
}

inline std::vector<float> chirp(std::int64_t samples)
{
    std::vector<float> s(static_cast<std::size_t>(samples));
    for (std::int64_t n = 0; n < samples; ++n)
        s[static_cast<std::size_t>(n)] = chirpSample(n);
    return s;
}

struct SenderSettings
{
    int frameSamples = 480; // 10 ms
    int bitrate = 32000;
    bool fec = true;
    int expectedLossPercent = 5;
    std::uint32_t ssrc = 0xabcdef01;
    std::uint16_t firstSequence = 65500;        // wraps within the first second
    std::uint32_t firstTimestamp = 4294900000u; // wraps within the first two seconds
    std::uint8_t payloadType = 96;
};

class OpusTestSender
{
public:
    explicit OpusTestSender(const SenderSettings& s) : settings(s)
    {
        int error = 0;
        encoder = opus_encoder_create(receiveSampleRate, 1, OPUS_APPLICATION_VOIP, &error);
        if (error != OPUS_OK)
            throw std::runtime_error("opus_encoder_create failed");
        opus_encoder_ctl(encoder, OPUS_SET_BITRATE(s.bitrate));
        opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(s.fec ? 1 : 0));
        opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(s.expectedLossPercent));
        opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    }
    ~OpusTestSender() { opus_encoder_destroy(encoder); }
    OpusTestSender(const OpusTestSender&) = delete;
    OpusTestSender& operator=(const OpusTestSender&) = delete;

    // RTP datagram of frame k, whose samples are pcm[0 .. frameSamples).
    std::vector<std::uint8_t> packet(int k, const float* pcm)
    {
        std::vector<std::uint8_t> payload(1500);
        const int bytes = opus_encode_float(encoder, pcm, settings.frameSamples, payload.data(),
                                            static_cast<opus_int32>(payload.size()));
        if (bytes < 0)
            throw std::runtime_error("opus_encode_float failed");
        payload.resize(static_cast<std::size_t>(bytes));
        return makeRtp(static_cast<std::uint16_t>(settings.firstSequence + k),
                       settings.firstTimestamp +
                           static_cast<std::uint32_t>(k) *
                               static_cast<std::uint32_t>(settings.frameSamples),
                       settings.ssrc, settings.payloadType, payload);
    }

    // Every frame of `signal` as datagrams.
    std::vector<std::vector<std::uint8_t>> packets(const std::vector<float>& signal)
    {
        std::vector<std::vector<std::uint8_t>> out;
        const auto frames = static_cast<int>(signal.size()) / settings.frameSamples;
        for (int k = 0; k < frames; ++k)
            out.push_back(
                packet(k, signal.data() + static_cast<std::size_t>(k) *
                                              static_cast<std::size_t>(settings.frameSamples)));
        return out;
    }

private:
    SenderSettings settings;
    OpusEncoder* encoder = nullptr;
};

} // namespace dragoman::test
