#pragma once
// Builds RTP datagrams for the receiver's tests (the sender's own packetiser lives elsewhere).

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace dragoman::test
{

inline std::vector<std::uint8_t> makeRtp(std::uint16_t sequence, std::uint32_t timestamp,
                                         std::uint32_t ssrc, std::uint8_t payloadType,
                                         std::span<const std::uint8_t> payload, bool marker = false)
{
    std::vector<std::uint8_t> d(12 + payload.size());
    d[0] = 0x80; // version 2, no padding, no extension, no CSRC
    d[1] = static_cast<std::uint8_t>((marker ? 0x80 : 0) | (payloadType & 0x7f));
    d[2] = static_cast<std::uint8_t>(sequence >> 8);
    d[3] = static_cast<std::uint8_t>(sequence);
    for (int i = 0; i < 4; ++i)
    {
        d[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(timestamp >> (24 - 8 * i));
        d[static_cast<std::size_t>(8 + i)] = static_cast<std::uint8_t>(ssrc >> (24 - 8 * i));
    }
    std::copy(payload.begin(), payload.end(), d.begin() + 12);
    return d;
}

} // namespace dragoman::test
