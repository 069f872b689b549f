#include "receive/OpusFrameDecoder.h"
#include "receive/Timing.h"

#include <opus.h>

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>

// libopus decodes into the caller's buffer, with its state in memory given at init and scratch on
// the stack: no allocation, lock or system call (Tests/receive/realtime counts them). Declaring
// that lets clang's -Wfunction-effects check everything else on the audio path.
extern "C"
{
    int opus_decode_float(OpusDecoder* st, const unsigned char* data, opus_int32 len, float* pcm,
                          int frame_size, int decode_fec) DRAGOMAN_NONBLOCKING;
    int opus_packet_get_nb_samples(const unsigned char packet[], opus_int32 len,
                                   opus_int32 Fs) DRAGOMAN_NONBLOCKING;
    int opus_decoder_ctl(OpusDecoder* st, int request, ...) DRAGOMAN_NONBLOCKING;
}

namespace dragoman
{

struct OpusFrameDecoder::State
{
    // opus_decoder_init() into memory we own, so the decoder's size is known and fixed.
    std::unique_ptr<std::max_align_t[]> memory;
    OpusDecoder* decoder = nullptr;
};

OpusFrameDecoder::OpusFrameDecoder() : state(std::make_unique<State>())
{
    const int bytes = opus_decoder_get_size(1);
    const auto words =
        (static_cast<std::size_t>(bytes) + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
    state->memory = std::make_unique<std::max_align_t[]>(words);
    state->decoder = reinterpret_cast<OpusDecoder*>(state->memory.get());
    const int error = opus_decoder_init(state->decoder, receiveSampleRate, 1);
    if (error != OPUS_OK)
        throw std::runtime_error(std::string("libopus: ") + opus_strerror(error));
}

OpusFrameDecoder::~OpusFrameDecoder() = default;

int OpusFrameDecoder::packetSamples(std::span<const std::uint8_t> payload) noexcept
    DRAGOMAN_NONBLOCKING
{
    if (payload.empty())
        return -1;
    const int samples = opus_packet_get_nb_samples(
        payload.data(), static_cast<opus_int32>(payload.size()), receiveSampleRate);
    return samples > 0 && samples <= maxFrameSamples ? samples : -1;
}

bool OpusFrameDecoder::canCarryFec(std::span<const std::uint8_t> payload) noexcept
    DRAGOMAN_NONBLOCKING
{
    // TOC configurations 0-11 are SILK-only, 12-15 hybrid, 16-31 CELT-only (RFC 6716, 3.1).
    return !payload.empty() && (payload[0] >> 3) < 16;
}

int OpusFrameDecoder::decode(std::span<const std::uint8_t> payload,
                             std::span<float> out) noexcept DRAGOMAN_NONBLOCKING
{
    if (payload.empty())
        return OPUS_INVALID_PACKET; // libopus would conceal a whole out.size() instead
    return opus_decode_float(
        state->decoder, payload.data(), static_cast<opus_int32>(payload.size()), out.data(),
        static_cast<int>(std::min<std::size_t>(out.size(), maxFrameSamples)), 0);
}

int OpusFrameDecoder::conceal(int samples, std::span<float> out) noexcept DRAGOMAN_NONBLOCKING
{
    if (samples <= 0 || static_cast<std::size_t>(samples) > out.size())
        return OPUS_BAD_ARG;
    return opus_decode_float(state->decoder, nullptr, 0, out.data(), samples, 0);
}

int OpusFrameDecoder::decodeFec(std::span<const std::uint8_t> nextPayload, int samples,
                                std::span<float> out) noexcept DRAGOMAN_NONBLOCKING
{
    if (samples <= 0 || static_cast<std::size_t>(samples) > out.size())
        return OPUS_BAD_ARG;
    return opus_decode_float(state->decoder, nextPayload.data(),
                             static_cast<opus_int32>(nextPayload.size()), out.data(), samples, 1);
}

void OpusFrameDecoder::reset() noexcept DRAGOMAN_NONBLOCKING
{
    opus_decoder_ctl(state->decoder, OPUS_RESET_STATE);
}

} // namespace dragoman
