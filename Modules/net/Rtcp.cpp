#include "net/Rtcp.h"

#include "net/ByteOrder.h"

#include <algorithm>
#include <cstring>

namespace dragoman
{

using namespace byteorder;

namespace
{

constexpr std::size_t headerSize = 4;
constexpr std::size_t senderInfoSize = 20;
constexpr std::size_t reportBlockSize = 24;
constexpr std::uint8_t sdesEnd = 0;
constexpr std::uint8_t sdesCname = 1;

constexpr std::size_t roundUp4(std::size_t n) noexcept
{
    return (n + 3) & ~std::size_t{3};
}

// One packet of the compound, its body stripped of the header and of any padding.
struct Packet
{
    std::uint8_t count = 0;
    std::uint8_t type = 0;
    std::span<const std::uint8_t> body;
};

std::int32_t signExtend24(std::uint32_t v) noexcept
{
    return (v & 0x800000u) ? static_cast<std::int32_t>(v) - 0x1000000
                           : static_cast<std::int32_t>(v);
}

std::optional<RtcpError> parseReport(const Packet& packet, bool first,
                                     RtcpCompound& out) noexcept DRAGOMAN_NONBLOCKING
{
    const bool isSender = packet.type == static_cast<std::uint8_t>(RtcpPacketType::senderReport);
    const std::size_t needed =
        4 + (isSender ? senderInfoSize : 0) + reportBlockSize * std::size_t{packet.count};
    // More than needed is a profile-specific extension (§6.4.3): skipped.
    if (packet.body.size() < needed || (isSender && !first))
        return RtcpError::badReport;
    const std::uint8_t* p = packet.body.data();
    const std::uint32_t ssrc = load32(p);
    if (first)
        out.reporterSsrc = ssrc;
    else if (ssrc != out.reporterSsrc)
        return RtcpError::badReport; // another reporter's RR inside our compound
    std::size_t pos = 4;
    if (isSender)
    {
        SenderInfo info;
        info.ntp = NtpTime::fromParts(load32(p + 4), load32(p + 8));
        info.rtpTimestamp = load32(p + 12);
        info.packetCount = load32(p + 16);
        info.octetCount = load32(p + 20);
        out.sender = info;
        pos += senderInfoSize;
    }
    for (std::size_t i = 0; i < packet.count; ++i, pos += reportBlockSize)
    {
        ReportBlock block;
        block.ssrc = load32(p + pos);
        block.fractionLost = p[pos + 4];
        block.cumulativeLost = signExtend24(load24(p + pos + 5));
        block.highestSequence = load32(p + pos + 8);
        block.jitter = load32(p + pos + 12);
        block.lastSenderReport = load32(p + pos + 16);
        block.delaySinceLastReport = load32(p + pos + 20);
        if (!out.reports.push_back(block))
            return RtcpError::tooManyEntries;
    }
    return std::nullopt;
}

std::optional<RtcpError> parseSdes(const Packet& packet,
                                   RtcpCompound& out) noexcept DRAGOMAN_NONBLOCKING
{
    const auto body = packet.body;
    std::size_t pos = 0;
    for (std::size_t chunk = 0; chunk < packet.count; ++chunk)
    {
        if (body.size() - pos < 4)
            return RtcpError::badSdes;
        SdesCname entry;
        entry.ssrc = load32(body.data() + pos);
        pos += 4;
        bool haveCname = false;
        for (;;)
        {
            if (pos >= body.size())
                return RtcpError::badSdes; // no end-of-items octet
            const std::uint8_t type = body[pos];
            if (type == sdesEnd)
            {
                // The end octet, then null octets up to the next 32-bit boundary (§6.5). The body
                // starts on a boundary, so alignment within it is alignment in the packet.
                pos = roundUp4(pos + 1);
                if (pos > body.size())
                    return RtcpError::badSdes;
                break;
            }
            if (body.size() - pos < 2 || body.size() - pos - 2 < body[pos + 1])
                return RtcpError::badSdes;
            const std::size_t length = body[pos + 1];
            if (type == sdesCname && !haveCname)
            {
                entry.cname =
                    std::string_view(reinterpret_cast<const char*>(body.data() + pos + 2), length);
                haveCname = true;
            }
            pos += 2 + length;
        }
        if (haveCname && !out.cnames.push_back(entry))
            return RtcpError::tooManyEntries;
    }
    return std::nullopt;
}

std::optional<RtcpError> parseBye(const Packet& packet,
                                  RtcpCompound& out) noexcept DRAGOMAN_NONBLOCKING
{
    const auto body = packet.body;
    const std::size_t sourcesSize = 4 * std::size_t{packet.count};
    if (body.size() < sourcesSize)
        return RtcpError::badBye;
    for (std::size_t pos = 0; pos < sourcesSize; pos += 4)
        if (!out.byeSources.push_back(load32(body.data() + pos)))
            return RtcpError::tooManyEntries;
    if (body.size() > sourcesSize)
    {
        const std::size_t length = body[sourcesSize];
        if (body.size() - sourcesSize - 1 < length)
            return RtcpError::badBye;
        if (out.byeReason.empty())
            out.byeReason = std::string_view(
                reinterpret_cast<const char*>(body.data() + sourcesSize + 1), length);
    }
    out.bye = true;
    return std::nullopt;
}

std::size_t reportPacketSize(const RtcpCompound& c) noexcept
{
    return headerSize + 4 + (c.sender ? senderInfoSize : 0) + reportBlockSize * c.reports.size();
}

std::size_t sdesPacketSize(const RtcpCompound& c) noexcept
{
    if (c.cnames.empty())
        return 0;
    std::size_t size = headerSize;
    for (const auto& entry : c.cnames)
        size += 4 + roundUp4(2 + entry.cname.size() + 1);
    return size;
}

std::size_t byePacketSize(const RtcpCompound& c) noexcept
{
    if (!c.bye)
        return 0;
    return headerSize + 4 * c.byeSources.size() +
           (c.byeReason.empty() ? 0 : roundUp4(1 + c.byeReason.size()));
}

void writeHeader(std::uint8_t* p, std::size_t count, RtcpPacketType type, std::size_t size) noexcept
{
    p[0] = static_cast<std::uint8_t>(0x80 | count);
    p[1] = static_cast<std::uint8_t>(type);
    store16(p + 2, static_cast<std::uint16_t>(size / 4 - 1));
}

} // namespace

std::string_view rtcpErrorName(RtcpError error) noexcept DRAGOMAN_NONBLOCKING
{
    switch (error)
    {
    case RtcpError::tooShort:
        return "tooShort";
    case RtcpError::badVersion:
        return "badVersion";
    case RtcpError::badPadding:
        return "badPadding";
    case RtcpError::firstNotReport:
        return "firstNotReport";
    case RtcpError::badReport:
        return "badReport";
    case RtcpError::badSdes:
        return "badSdes";
    case RtcpError::badBye:
        return "badBye";
    case RtcpError::tooManyEntries:
        return "tooManyEntries";
    }
    return "unknown";
}

Parsed<RtcpCompound, RtcpError>
parseRtcp(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING
{
    if (datagram.size() < headerSize)
        return RtcpError::tooShort;
    RtcpCompound out;
    std::size_t pos = 0;
    while (pos < datagram.size())
    {
        if (datagram.size() - pos < headerSize)
            return RtcpError::tooShort;
        const std::uint8_t* p = datagram.data() + pos;
        if ((p[0] >> 6) != 2)
            return RtcpError::badVersion;
        const std::size_t length = 4 * (std::size_t{load16(p + 2)} + 1);
        if (length > datagram.size() - pos)
            return RtcpError::tooShort;
        const bool first = pos == 0;
        const bool last = pos + length == datagram.size();

        Packet packet;
        packet.count = static_cast<std::uint8_t>(p[0] & 0x1f);
        packet.type = p[1];
        packet.body = datagram.subspan(pos + headerSize, length - headerSize);
        if (p[0] & 0x20)
        {
            // Only the last packet may be padded (A.2); the count octet is part of the padding
            // and must leave the header alone.
            const std::size_t padding = p[length - 1];
            if (!last || padding == 0 || padding > length - headerSize)
                return RtcpError::badPadding;
            packet.body = packet.body.first(packet.body.size() - padding);
        }

        const bool isReport =
            packet.type == static_cast<std::uint8_t>(RtcpPacketType::senderReport) ||
            packet.type == static_cast<std::uint8_t>(RtcpPacketType::receiverReport);
        if (first && !isReport)
            return RtcpError::firstNotReport;

        std::optional<RtcpError> failed;
        if (isReport)
            failed = parseReport(packet, first, out);
        else if (packet.type == static_cast<std::uint8_t>(RtcpPacketType::sourceDescription))
            failed = parseSdes(packet, out);
        else if (packet.type == static_cast<std::uint8_t>(RtcpPacketType::bye))
            failed = parseBye(packet, out);
        else
            ++out.skippedPackets;
        if (failed)
            return *failed;
        pos += length;
    }
    return out;
}

std::size_t rtcpSize(const RtcpCompound& compound) noexcept DRAGOMAN_NONBLOCKING
{
    return reportPacketSize(compound) + sdesPacketSize(compound) + byePacketSize(compound);
}

std::size_t writeRtcp(const RtcpCompound& c,
                      std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING
{
    for (const auto& entry : c.cnames)
        if (entry.cname.size() > 255)
            return 0;
    if (c.byeReason.size() > 255)
        return 0;
    const std::size_t total = rtcpSize(c);
    if (out.size() < total)
        return 0;
    std::memset(out.data(), 0, total); // SDES and BYE padding are null octets

    std::uint8_t* p = out.data();
    const std::size_t reportSize = reportPacketSize(c);
    writeHeader(p, c.reports.size(),
                c.sender ? RtcpPacketType::senderReport : RtcpPacketType::receiverReport,
                reportSize);
    store32(p + 4, c.reporterSsrc);
    std::size_t pos = 8;
    if (c.sender)
    {
        store32(p + pos, c.sender->ntp.seconds());
        store32(p + pos + 4, c.sender->ntp.fraction());
        store32(p + pos + 8, c.sender->rtpTimestamp);
        store32(p + pos + 12, c.sender->packetCount);
        store32(p + pos + 16, c.sender->octetCount);
        pos += senderInfoSize;
    }
    for (const auto& block : c.reports)
    {
        store32(p + pos, block.ssrc);
        p[pos + 4] = block.fractionLost;
        store24(p + pos + 5, static_cast<std::uint32_t>(block.cumulativeLost) & 0xffffffu);
        store32(p + pos + 8, block.highestSequence);
        store32(p + pos + 12, block.jitter);
        store32(p + pos + 16, block.lastSenderReport);
        store32(p + pos + 20, block.delaySinceLastReport);
        pos += reportBlockSize;
    }

    if (const std::size_t sdesSize = sdesPacketSize(c); sdesSize > 0)
    {
        writeHeader(p + pos, c.cnames.size(), RtcpPacketType::sourceDescription, sdesSize);
        pos += headerSize;
        for (const auto& entry : c.cnames)
        {
            store32(p + pos, entry.ssrc);
            p[pos + 4] = sdesCname;
            p[pos + 5] = static_cast<std::uint8_t>(entry.cname.size());
            if (!entry.cname.empty())
                std::memcpy(p + pos + 6, entry.cname.data(), entry.cname.size());
            pos += 4 + roundUp4(2 + entry.cname.size() + 1); // end octet and padding are zeros
        }
    }

    if (const std::size_t byeSize = byePacketSize(c); byeSize > 0)
    {
        writeHeader(p + pos, c.byeSources.size(), RtcpPacketType::bye, byeSize);
        pos += headerSize;
        for (const std::uint32_t source : c.byeSources)
        {
            store32(p + pos, source);
            pos += 4;
        }
        if (!c.byeReason.empty())
        {
            p[pos] = static_cast<std::uint8_t>(c.byeReason.size());
            std::memcpy(p + pos + 1, c.byeReason.data(), c.byeReason.size());
            pos += roundUp4(1 + c.byeReason.size());
        }
    }
    return pos;
}

std::uint32_t toDelaySinceLastReport(std::chrono::nanoseconds delay) noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t ns = delay.count();
    if (ns <= 0)
        return 0;
    // Split, so that the multiplication by 65536 cannot overflow.
    const std::int64_t units =
        (ns / 1'000'000'000) * 65536 + ((ns % 1'000'000'000) * 65536) / 1'000'000'000;
    return static_cast<std::uint32_t>(std::min<std::int64_t>(units, UINT32_MAX));
}

std::optional<std::chrono::nanoseconds>
roundTripTime(NtpTime arrival, const ReportBlock& block) noexcept DRAGOMAN_NONBLOCKING
{
    if (block.lastSenderReport == 0)
        return std::nullopt; // the receiver has not had an SR yet
    // 16.16 fixed point, modulo 2^32 like the fields themselves.
    const auto units = static_cast<std::int32_t>(arrival.middle32() - block.lastSenderReport -
                                                 block.delaySinceLastReport);
    if (units < 0)
        return std::nullopt;
    return std::chrono::nanoseconds{(std::int64_t{units} * 1'000'000'000) >> 16};
}

} // namespace dragoman
