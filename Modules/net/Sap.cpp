#include "net/Sap.h"

#include "net/ByteOrder.h"

#include <algorithm>
#include <cstring>

namespace dragoman
{

using namespace byteorder;

namespace
{

constexpr std::size_t headerSize = 4;
constexpr std::uint8_t versionBits = 1u << 5; // V=1 in the top three bits
constexpr std::uint8_t addressTypeBit = 0x10;
constexpr std::uint8_t messageTypeBit = 0x04;
constexpr std::uint8_t encryptedBit = 0x02;
constexpr std::uint8_t compressedBit = 0x01;
constexpr std::size_t maxAuthentication = 255 * 4;

std::size_t originSize(bool ipv6) noexcept DRAGOMAN_NONBLOCKING
{
    return ipv6 ? 16 : 4;
}

// string_view::substr may throw, so these compare by hand and stay nonblocking.
bool startsWithSdp(std::string_view payload) noexcept DRAGOMAN_NONBLOCKING
{
    return payload.size() >= 3 && payload[0] == 'v' && payload[1] == '=' && payload[2] == '0';
}

bool validPayloadType(std::string_view type) noexcept DRAGOMAN_NONBLOCKING
{
    if (type.empty() || startsWithSdp(type))
        return false;
    for (const char c : type)
        if (c < 0x20 || c == 0x7f)
            return false;
    return true;
}

std::string_view asText(std::span<const std::uint8_t> bytes) noexcept DRAGOMAN_NONBLOCKING
{
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace

std::string_view sapErrorName(SapError error) noexcept DRAGOMAN_NONBLOCKING
{
    switch (error)
    {
    case SapError::tooShort:
        return "tooShort";
    case SapError::badVersion:
        return "badVersion";
    case SapError::encrypted:
        return "encrypted";
    case SapError::compressed:
        return "compressed";
    case SapError::badAuthentication:
        return "badAuthentication";
    case SapError::badPayloadType:
        return "badPayloadType";
    }
    return "unknown";
}

bool operator==(const SapPacket& a, const SapPacket& b) noexcept
{
    return a.type == b.type && a.messageIdHash == b.messageIdHash && a.origin == b.origin &&
           std::ranges::equal(a.authentication, b.authentication) &&
           a.hasPayloadType == b.hasPayloadType &&
           (!a.hasPayloadType || a.payloadType == b.payloadType) && a.payload == b.payload;
}

Parsed<SapPacket, SapError>
parseSap(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING
{
    if (datagram.size() < headerSize)
        return SapError::tooShort;
    const std::uint8_t flags = datagram[0];
    if ((flags >> 5) != 1)
        return SapError::badVersion;
    if (flags & encryptedBit)
        return SapError::encrypted;
    if (flags & compressedBit)
        return SapError::compressed;

    SapPacket packet;
    packet.type =
        (flags & messageTypeBit) ? SapMessageType::deletion : SapMessageType::announcement;
    packet.origin.ipv6 = (flags & addressTypeBit) != 0;
    packet.messageIdHash = load16(datagram.data() + 2);
    std::size_t pos = headerSize;
    const std::size_t addressSize = originSize(packet.origin.ipv6);
    if (datagram.size() - pos < addressSize)
        return SapError::tooShort;
    std::copy_n(datagram.data() + pos, addressSize, packet.origin.address.begin());
    pos += addressSize;

    const std::size_t authenticationSize = 4 * std::size_t{datagram[1]};
    if (datagram.size() - pos < authenticationSize)
        return SapError::badAuthentication;
    packet.authentication = datagram.subspan(pos, authenticationSize);
    pos += authenticationSize;

    const std::string_view rest = asText(datagram.subspan(pos));
    if (startsWithSdp(rest))
    {
        packet.hasPayloadType = false;
        packet.payloadType = sapSdpType;
        packet.payload = rest;
        return packet;
    }
    const std::size_t nul = rest.find('\0');
    if (nul == std::string_view::npos)
        return SapError::badPayloadType;
    packet.payloadType = std::string_view(rest.data(), nul);
    if (!validPayloadType(packet.payloadType))
        return SapError::badPayloadType;
    packet.payload = std::string_view(rest.data() + nul + 1, rest.size() - nul - 1);
    return packet;
}

std::size_t sapSize(const SapPacket& packet) noexcept DRAGOMAN_NONBLOCKING
{
    return headerSize + originSize(packet.origin.ipv6) + packet.authentication.size() +
           (packet.hasPayloadType ? packet.payloadType.size() + 1 : 0) + packet.payload.size();
}

std::size_t writeSap(const SapPacket& packet,
                     std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING
{
    if (packet.authentication.size() % 4 != 0 || packet.authentication.size() > maxAuthentication)
        return 0;
    if (packet.hasPayloadType ? !validPayloadType(packet.payloadType)
                              : !startsWithSdp(packet.payload))
        return 0;
    const std::size_t size = sapSize(packet);
    if (out.size() < size)
        return 0;

    std::uint8_t* p = out.data();
    p[0] =
        static_cast<std::uint8_t>(versionBits | (packet.origin.ipv6 ? addressTypeBit : 0) |
                                  (packet.type == SapMessageType::deletion ? messageTypeBit : 0));
    p[1] = static_cast<std::uint8_t>(packet.authentication.size() / 4);
    store16(p + 2, packet.messageIdHash);
    std::size_t pos = headerSize;
    const std::size_t addressSize = originSize(packet.origin.ipv6);
    std::memcpy(p + pos, packet.origin.address.data(), addressSize);
    pos += addressSize;
    if (!packet.authentication.empty())
        std::memcpy(p + pos, packet.authentication.data(), packet.authentication.size());
    pos += packet.authentication.size();
    if (packet.hasPayloadType)
    {
        std::memcpy(p + pos, packet.payloadType.data(), packet.payloadType.size());
        pos += packet.payloadType.size();
        p[pos++] = 0;
    }
    if (!packet.payload.empty())
        std::memcpy(p + pos, packet.payload.data(), packet.payload.size());
    return pos + packet.payload.size();
}

std::uint16_t sapMessageIdHash(std::string_view payload) noexcept DRAGOMAN_NONBLOCKING
{
    std::uint32_t hash = 2166136261u;
    for (const char c : payload)
    {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    const auto folded = static_cast<std::uint16_t>((hash >> 16) ^ (hash & 0xffffu));
    return folded == 0 ? std::uint16_t{1} : folded;
}

} // namespace dragoman
