#include "receive/RtpPacket.h"

namespace dragoman
{

namespace
{

std::uint16_t read16(const std::uint8_t* p) noexcept DRAGOMAN_NONBLOCKING
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t read32(const std::uint8_t* p) noexcept DRAGOMAN_NONBLOCKING
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

} // namespace

RtpParseError parseRtp(std::span<const std::uint8_t> datagram,
                       RtpPacket& packet) noexcept DRAGOMAN_NONBLOCKING
{
    constexpr std::size_t fixedHeader = 12;
    if (datagram.size() < fixedHeader)
        return RtpParseError::TooShort;
    const std::uint8_t* p = datagram.data();
    if ((p[0] >> 6) != 2)
        return RtpParseError::NotVersion2;
    const bool padding = (p[0] & 0x20) != 0;
    const bool extension = (p[0] & 0x10) != 0;
    const std::size_t csrcCount = p[0] & 0x0f;

    std::size_t header = fixedHeader + 4 * csrcCount;
    if (header > datagram.size())
        return RtpParseError::CsrcBeyondEnd;
    if (extension)
    {
        if (header + 4 > datagram.size())
            return RtpParseError::ExtensionBeyondEnd;
        header += 4 + 4 * std::size_t{read16(p + header + 2)};
        if (header > datagram.size())
            return RtpParseError::ExtensionBeyondEnd;
    }
    std::size_t end = datagram.size();
    if (padding)
    {
        const std::size_t pad = p[end - 1];
        if (pad == 0 || pad > end - header)
            return RtpParseError::BadPadding;
        end -= pad;
    }
    if (end == header)
        return RtpParseError::NoPayload;

    packet.marker = (p[1] & 0x80) != 0;
    packet.payloadType = static_cast<std::uint8_t>(p[1] & 0x7f);
    packet.sequence = read16(p + 2);
    packet.timestamp = read32(p + 4);
    packet.ssrc = read32(p + 8);
    packet.payload = datagram.subspan(header, end - header);
    return RtpParseError::None;
}

} // namespace dragoman
