#include "ControlUrl.h"

#include <charconv>

namespace dragoman
{

namespace
{

Error bad(std::string_view text, std::string_view why)
{
    return Error{"bad control URL '" + std::string(text) + "': " + std::string(why)};
}

std::uint16_t defaultPort(std::string_view scheme)
{
    return scheme == "tcp" || scheme == "tls" ? 7701 : 7700;
}

} // namespace

Result<ControlUrl> ControlUrl::parse(std::string_view text)
{
    const auto separator = text.find("://");
    if (separator == std::string_view::npos)
        return bad(text, "expected ws://, wss://, tcp:// or tls:// followed by HOST[:PORT]");
    ControlUrl url;
    url.scheme = std::string(text.substr(0, separator));
    if (url.scheme != "ws" && url.scheme != "wss" && url.scheme != "tcp" && url.scheme != "tls")
        return bad(text, "unknown scheme '" + url.scheme + "' (ws, wss, tcp or tls)");

    std::string_view rest = text.substr(separator + 3);
    const auto pathStart = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, pathStart);
    std::string_view path =
        pathStart == std::string_view::npos ? std::string_view{} : rest.substr(pathStart);
    if (authority.find('@') != std::string_view::npos)
        return bad(text, "user names in the URL are not used: give the token with --token");

    std::string_view portText;
    if (!authority.empty() && authority.front() == '[')
    {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return bad(text, "an IPv6 address needs a closing ']'");
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty())
        {
            if (after.front() != ':')
                return bad(text, "expected ':PORT' after the IPv6 address");
            portText = after.substr(1);
            if (portText.empty())
                return bad(text, "empty port after ':'");
        }
    }
    else
    {
        const auto colon = authority.find(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
        {
            portText = authority.substr(colon + 1);
            if (portText.empty())
                return bad(text, "empty port after ':'");
        }
    }
    if (url.host.empty())
        return bad(text, "no host");

    if (portText.empty())
        url.port = defaultPort(url.scheme);
    else
    {
        unsigned value = 0;
        const auto [end, error] =
            std::from_chars(portText.data(), portText.data() + portText.size(), value);
        if (error != std::errc{} || end != portText.data() + portText.size() || value == 0 ||
            value > 65535)
            return bad(text, "port '" + std::string(portText) + "' is not a number 1-65535");
        url.port = static_cast<std::uint16_t>(value);
    }

    if (url.isWebSocket())
    {
        url.path = path.empty() ? "/rpc" : std::string(path);
        if (url.path.front() == '?')
            url.path = "/rpc" + url.path;
    }
    else if (!path.empty() && path != "/")
        return bad(text, url.scheme + ":// takes no path ('" + std::string(path) + "')");
    return url;
}

std::string ControlUrl::text() const
{
    const bool ipv6 = host.find(':') != std::string::npos;
    std::string out =
        scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
    return out + path;
}

} // namespace dragoman
