#include "stream/OpusChannelEncoder.h"

#include <opus.h>

#include <string>

namespace dragoman
{

Result<std::unique_ptr<OpusChannelEncoder>> OpusChannelEncoder::create(const OpusSettings& settings)
{
    const int frameSamples = settings.frameMicroseconds * opusSampleRate / 1'000'000;
    const bool lowDelay = settings.frameMicroseconds < 10000 || !settings.fec;
    int error = OPUS_OK;
    OpusEncoder* encoder = opus_encoder_create(
        opusSampleRate, 1, lowDelay ? OPUS_APPLICATION_RESTRICTED_LOWDELAY : OPUS_APPLICATION_VOIP,
        &error);
    if (error != OPUS_OK || encoder == nullptr)
        return Error{std::string("cannot create the Opus encoder: ") + opus_strerror(error)};
    std::unique_ptr<OpusChannelEncoder> result(
        new OpusChannelEncoder(encoder, frameSamples, lowDelay));
    const int checks[] = {
        opus_encoder_ctl(encoder, OPUS_SET_BITRATE(settings.bitrate)),
        opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(settings.complexity)),
        opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(settings.fec && !lowDelay ? 1 : 0)),
        opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(settings.expectedLossPercent)),
        opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)),
        opus_encoder_ctl(encoder, OPUS_SET_MAX_BANDWIDTH(OPUS_BANDWIDTH_FULLBAND)),
    };
    for (const int check : checks)
        if (check != OPUS_OK)
            return Error{std::string("cannot configure the Opus encoder: ") + opus_strerror(check)};
    return result;
}

OpusChannelEncoder::OpusChannelEncoder(OpusEncoder* encoder, int frameSamples, bool lowDelay)
    : state(encoder), samples(frameSamples), restrictedLowDelay(lowDelay)
{
}

OpusChannelEncoder::~OpusChannelEncoder()
{
    opus_encoder_destroy(state);
}

int OpusChannelEncoder::lookaheadSamples() const noexcept
{
    opus_int32 lookahead = 0;
    opus_encoder_ctl(state, OPUS_GET_LOOKAHEAD(&lookahead));
    return lookahead;
}

std::size_t OpusChannelEncoder::encode(const float* pcm, std::span<std::uint8_t> out) noexcept
{
    const auto size =
        opus_encode_float(state, pcm, samples, out.data(), static_cast<opus_int32>(out.size()));
    return size > 0 ? static_cast<std::size_t>(size) : 0;
}

} // namespace dragoman
