#pragma once
// One mono 48 kHz libopus decoder and the three ways a receiver uses it: decode a packet, conceal
// a lost frame (PLC), or rebuild a lost frame from the FEC copy in the next packet.
//
// Threads: construction and destruction allocate (control thread, before audio). Everything
// else belongs to one thread (the audio thread) and never allocates, locks or makes system
// calls: libopus decodes into the caller's buffer with its state in memory allocated here.

#include "core/Realtime.h"

#include <cstdint>
#include <memory>
#include <span>

namespace dragoman
{

class OpusFrameDecoder
{
public:
    static constexpr int maxFrameSamples = 5760; // 120 ms at 48 kHz: the longest Opus packet

    OpusFrameDecoder(); // throws std::runtime_error if libopus refuses (it never should)
    ~OpusFrameDecoder();
    OpusFrameDecoder(const OpusFrameDecoder&) = delete;
    OpusFrameDecoder& operator=(const OpusFrameDecoder&) = delete;

    // Samples per channel at 48 kHz that the packet decodes to, or -1 when its table of contents
    // is not valid Opus (random bytes usually are not).
    static int packetSamples(std::span<const std::uint8_t> payload) noexcept DRAGOMAN_NONBLOCKING;
    // Whether the packet can carry an FEC copy of its predecessor: only SILK and hybrid packets
    // have LBRR frames; libopus answers a CELT-only packet's FEC request with plain PLC.
    static bool canCarryFec(std::span<const std::uint8_t> payload) noexcept DRAGOMAN_NONBLOCKING;

    // Each returns the samples written to `out` (at most out.size()), or a negative libopus
    // error. conceal() and decodeFec() write exactly `samples` (a multiple of 120, 2.5 ms).
    int decode(std::span<const std::uint8_t> payload,
               std::span<float> out) noexcept DRAGOMAN_NONBLOCKING;
    int conceal(int samples, std::span<float> out) noexcept DRAGOMAN_NONBLOCKING;
    int decodeFec(std::span<const std::uint8_t> nextPayload, int samples,
                  std::span<float> out) noexcept DRAGOMAN_NONBLOCKING;

    // Forget the previous frames (a new stream): PLC must not extrapolate the old one.
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    struct State;
    std::unique_ptr<State> state;
};

} // namespace dragoman
