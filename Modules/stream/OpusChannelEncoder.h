#pragma once
// One channel's Opus encoder: mono, 48 kHz, fullband speech, as the session's `network.opus`
// asks. The application mode follows latency first: frames under 10 ms cannot use SILK anyway,
// and without FEC SILK buys nothing on a LAN, so those use RESTRICTED_LOWDELAY (CELT only,
// 2.5 ms look-ahead). In-band FEC exists only in SILK, so FEC with 10/20 ms frames uses VOIP
// (4 ms more look-ahead) to make FEC real rather than a setting libopus ignores.
//
// Threads: create() allocates (control thread). encode(): one thread at a time (the encoder
// thread); libopus does not allocate while encoding.

#include "core/Result.h"
#include "core/Session.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

struct OpusEncoder;

namespace dragoman
{

inline constexpr int opusSampleRate = 48000;
// Largest packet we ask for: 1275 bytes is Opus's own limit for one frame.
inline constexpr std::size_t opusMaxPacket = 1275;

class OpusChannelEncoder
{
public:
    static Result<std::unique_ptr<OpusChannelEncoder>> create(const OpusSettings& settings);
    ~OpusChannelEncoder();
    OpusChannelEncoder(const OpusChannelEncoder&) = delete;
    OpusChannelEncoder& operator=(const OpusChannelEncoder&) = delete;

    int frameSamples() const noexcept { return samples; }
    bool lowDelay() const noexcept { return restrictedLowDelay; }
    // Encoder delay in samples (OPUS_GET_LOOKAHEAD): 120 in low-delay mode, 312 otherwise.
    int lookaheadSamples() const noexcept;

    // Encodes frameSamples() samples; returns the packet size, or 0 on an encoder error.
    std::size_t encode(const float* pcm, std::span<std::uint8_t> out) noexcept;

private:
    OpusChannelEncoder(OpusEncoder* encoder, int frameSamples, bool lowDelay);
    OpusEncoder* state;
    int samples;
    bool restrictedLowDelay;
};

} // namespace dragoman
