#pragma once
// Network byte order (big-endian) loads and stores. Callers check bounds first: these functions
// only exist so that every parser spells a 16/24/32-bit field the same way.
//
// Threads: pure functions, any thread, real-time safe.

#include "core/Realtime.h"

#include <cstddef>
#include <cstdint>

namespace dragoman::byteorder
{

inline std::uint16_t load16(const std::uint8_t* p) noexcept DRAGOMAN_NONBLOCKING
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t load24(const std::uint8_t* p) noexcept DRAGOMAN_NONBLOCKING
{
    return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | std::uint32_t{p[2]};
}

inline std::uint32_t load32(const std::uint8_t* p) noexcept DRAGOMAN_NONBLOCKING
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

inline void store16(std::uint8_t* p, std::uint16_t v) noexcept DRAGOMAN_NONBLOCKING
{
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}

inline void store24(std::uint8_t* p, std::uint32_t v) noexcept DRAGOMAN_NONBLOCKING
{
    p[0] = static_cast<std::uint8_t>(v >> 16);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    p[2] = static_cast<std::uint8_t>(v);
}

inline void store32(std::uint8_t* p, std::uint32_t v) noexcept DRAGOMAN_NONBLOCKING
{
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

} // namespace dragoman::byteorder
