#include "net/SdpText.h"

#include <string>
#include <vector>

namespace dragoman::sdptext
{

bool validUtf8(std::string_view text) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n)
    {
        const unsigned c = p[i];
        if (c < 0x80)
        {
            ++i;
            continue;
        }
        std::size_t extra = 0;
        std::uint32_t code = 0;
        std::uint32_t lowest = 0;
        if ((c & 0xe0) == 0xc0)
        {
            extra = 1;
            code = c & 0x1f;
            lowest = 0x80;
        }
        else if ((c & 0xf0) == 0xe0)
        {
            extra = 2;
            code = c & 0x0f;
            lowest = 0x800;
        }
        else if ((c & 0xf8) == 0xf0)
        {
            extra = 3;
            code = c & 0x07;
            lowest = 0x10000;
        }
        else
            return false;
        if (n - i - 1 < extra)
            return false;
        for (std::size_t k = 1; k <= extra; ++k)
        {
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
            code = (code << 6) | (p[i + k] & 0x3fu);
        }
        if (code < lowest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

bool validText(std::string_view text) noexcept
{
    for (const char ch : text)
    {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return validUtf8(text);
}

bool validToken(std::string_view text) noexcept
{
    if (text.empty())
        return false;
    for (const char ch : text)
    {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7f)
            return false;
    }
    return validUtf8(text);
}

std::optional<std::uint64_t> parseNumber(std::string_view text, std::uint64_t max) noexcept
{
    if (text.empty() || text.size() > 20)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text)
    {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (digit > max || value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::string_view trim(std::string_view text) noexcept
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> splitFields(std::string_view text)
{
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    while (pos < text.size())
    {
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ' ')
            ++pos;
        if (pos > start)
            fields.push_back(text.substr(start, pos - start));
    }
    return fields;
}

std::string formatPtime(int microseconds)
{
    std::string text = std::to_string(microseconds / 1000);
    if (const int fraction = microseconds % 1000; fraction != 0)
    {
        std::string digits = std::to_string(fraction);
        digits.insert(0, 3 - digits.size(), '0');
        while (digits.back() == '0')
            digits.pop_back();
        text += '.' + digits;
    }
    return text;
}

std::optional<int> parsePtime(std::string_view text)
{
    text = trim(text);
    const std::size_t dot = text.find('.');
    const auto whole = parseNumber(text.substr(0, dot), maxPtimeMicroseconds / 1000);
    if (!whole)
        return std::nullopt;
    std::uint64_t micros = *whole * 1000;
    if (dot != std::string_view::npos)
    {
        const std::string_view digits = text.substr(dot + 1);
        const auto fraction = parseNumber(digits, 999);
        if (!fraction || digits.size() > 3)
            return std::nullopt;
        std::uint64_t scaled = *fraction;
        for (std::size_t i = digits.size(); i < 3; ++i)
            scaled *= 10;
        micros += scaled;
    }
    if (micros > maxPtimeMicroseconds)
        return std::nullopt;
    return static_cast<int>(micros);
}

} // namespace dragoman::sdptext
