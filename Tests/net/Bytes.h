#pragma once
// Test helpers: datagrams written as hex, so that known packets read like a capture.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::test
{

// "80 e0 07 6a ..." (spaces and newlines ignored) to bytes.
inline std::vector<std::uint8_t> hexBytes(std::string_view hex)
{
    std::vector<std::uint8_t> bytes;
    int high = -1;
    for (const char c : hex)
    {
        int nibble = -1;
        if (c >= '0' && c <= '9')
            nibble = c - '0';
        else if (c >= 'a' && c <= 'f')
            nibble = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            nibble = c - 'A' + 10;
        if (nibble < 0)
            continue;
        if (high < 0)
            high = nibble;
        else
        {
            bytes.push_back(static_cast<std::uint8_t>(high << 4 | nibble));
            high = -1;
        }
    }
    return bytes;
}

inline std::vector<std::uint8_t> textBytes(std::string_view text)
{
    return {text.begin(), text.end()};
}

inline std::vector<std::uint8_t> concat(std::vector<std::uint8_t> a,
                                        const std::vector<std::uint8_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace dragoman::test
