#include "net/Rtp.h"

#include "net/ByteOrder.h"

#include <algorithm>
#include <cstring>

namespace dragoman
{

using namespace byteorder;

std::string_view rtpErrorName(RtpError error) noexcept DRAGOMAN_NONBLOCKING
{
    switch (error)
    {
    case RtpError::tooShort:
        return "tooShort";
    case RtpError::badVersion:
        return "badVersion";
    case RtpError::badCsrcList:
        return "badCsrcList";
    case RtpError::badExtension:
        return "badExtension";
    case RtpError::badPadding:
        return "badPadding";
    }
    return "unknown";
}

bool operator==(const RtpHeader& a, const RtpHeader& b) noexcept
{
    if (a.marker != b.marker || a.payloadType != b.payloadType || a.sequence != b.sequence ||
        a.timestamp != b.timestamp || a.ssrc != b.ssrc || a.csrcCount != b.csrcCount ||
        a.hasExtension != b.hasExtension || a.paddingSize != b.paddingSize)
        return false;
    if (!std::equal(a.csrcs.begin(), a.csrcs.begin() + a.csrcCount, b.csrcs.begin()))
        return false;
    if (a.hasExtension &&
        (a.extensionProfile != b.extensionProfile || !std::ranges::equal(a.extension, b.extension)))
        return false;
    return true;
}

Parsed<RtpPacketView, RtpError>
parseRtp(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING
{
    const std::size_t size = datagram.size();
    if (size < rtpFixedHeaderSize)
        return RtpError::tooShort;
    const std::uint8_t* p = datagram.data();
    if ((p[0] >> 6) != 2)
        return RtpError::badVersion;

    RtpPacketView packet;
    RtpHeader& h = packet.header;
    const bool padded = (p[0] & 0x20) != 0;
    h.hasExtension = (p[0] & 0x10) != 0;
    h.csrcCount = static_cast<std::uint8_t>(p[0] & 0x0f);
    h.marker = (p[1] & 0x80) != 0;
    h.payloadType = static_cast<std::uint8_t>(p[1] & 0x7f);
    h.sequence = load16(p + 2);
    h.timestamp = load32(p + 4);
    h.ssrc = load32(p + 8);

    std::size_t pos = rtpFixedHeaderSize;
    if (size - pos < 4 * std::size_t{h.csrcCount})
        return RtpError::badCsrcList;
    for (std::size_t i = 0; i < h.csrcCount; ++i, pos += 4)
        h.csrcs[i] = load32(p + pos);

    if (h.hasExtension)
    {
        if (size - pos < 4)
            return RtpError::badExtension;
        h.extensionProfile = load16(p + pos);
        const std::size_t bytes = 4 * std::size_t{load16(p + pos + 2)};
        pos += 4;
        if (size - pos < bytes)
            return RtpError::badExtension;
        h.extension = datagram.subspan(pos, bytes);
        pos += bytes;
    }

    std::size_t end = size;
    if (padded)
    {
        // The last octet counts the padding, itself included (RFC 3550 §5.1): 0 cannot be, and
        // padding that reaches into the header means a corrupt or hostile packet.
        const std::size_t count = p[size - 1];
        if (count == 0 || count > size - pos)
            return RtpError::badPadding;
        h.paddingSize = static_cast<std::uint8_t>(count);
        end -= count;
    }
    packet.payload = datagram.subspan(pos, end - pos);
    return packet;
}

namespace
{
bool encodable(const RtpHeader& header) noexcept DRAGOMAN_NONBLOCKING
{
    if (header.payloadType > 127 || header.csrcCount > rtpMaxCsrcs)
        return false;
    return !header.hasExtension ||
           (header.extension.size() % 4 == 0 && header.extension.size() / 4 <= 0xffff);
}
} // namespace

std::size_t writeRtpHeader(const RtpHeader& header,
                           std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING
{
    const std::size_t size = header.size();
    if (!encodable(header) || out.size() < size)
        return 0;

    std::uint8_t* p = out.data();
    p[0] = static_cast<std::uint8_t>(0x80 | (header.paddingSize > 0 ? 0x20 : 0) |
                                     (header.hasExtension ? 0x10 : 0) | header.csrcCount);
    p[1] = static_cast<std::uint8_t>((header.marker ? 0x80 : 0) | header.payloadType);
    store16(p + 2, header.sequence);
    store32(p + 4, header.timestamp);
    store32(p + 8, header.ssrc);
    std::size_t pos = rtpFixedHeaderSize;
    for (std::size_t i = 0; i < header.csrcCount; ++i, pos += 4)
        store32(p + pos, header.csrcs[i]);
    if (header.hasExtension)
    {
        store16(p + pos, header.extensionProfile);
        store16(p + pos + 2, static_cast<std::uint16_t>(header.extension.size() / 4));
        pos += 4;
        if (!header.extension.empty())
            std::memmove(p + pos, header.extension.data(), header.extension.size());
        pos += header.extension.size();
    }
    return pos;
}

std::size_t writeRtpPacket(const RtpHeader& header, std::span<const std::uint8_t> payload,
                           std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING
{
    const std::size_t headerSize = header.size();
    const std::size_t total = headerSize + payload.size() + header.paddingSize;
    if (!encodable(header) || out.size() < total)
        return 0;
    // memmove: the payload may already sit in `out` (an encoder wrote it there).
    if (!payload.empty())
        std::memmove(out.data() + headerSize, payload.data(), payload.size());
    writeRtpHeader(header, out);
    if (header.paddingSize > 0)
    {
        std::uint8_t* pad = out.data() + headerSize + payload.size();
        std::memset(pad, 0, header.paddingSize - 1u);
        pad[header.paddingSize - 1] = header.paddingSize;
    }
    return total;
}

} // namespace dragoman
