#include "core/SessionRemoteSeatFile.h"

#include <arpa/inet.h>

#include <charconv>

namespace dragoman
{

namespace
{

int lineOf(const YAML::Node& node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

// "A.B.C.D:PORT", unicast: a remote seat is one interpreter, never a group.
Result<StreamEndpoint> endpoint(const YAML::Node& node, SessionSource& source,
                                const std::string& key)
{
    source.note(key, lineOf(node));
    const std::string word = node.IsScalar() ? node.Scalar() : std::string();
    const auto colon = word.rfind(':');
    if (colon != std::string::npos)
    {
        int port = 0;
        const char* first = word.data() + colon + 1;
        const char* last = word.data() + word.size();
        const auto [end, error] = std::from_chars(first, last, port);
        in_addr address{};
        const std::string host = word.substr(0, colon);
        // RTCP goes one port up, so the last port cannot carry RTP.
        if (error == std::errc{} && end == last && first != last && port > 0 && port < 65535 &&
            inet_pton(AF_INET, host.c_str(), &address) == 1 && !IN_MULTICAST(ntohl(address.s_addr)))
            return StreamEndpoint{host, static_cast<std::uint16_t>(port)};
    }
    return source.refuseAtLine(lineOf(node), key,
                               "expected a unicast IPv4 ADDRESS:PORT such as '127.0.0.1:7100' "
                               "(port below 65535: RTCP uses the next), got '" +
                                   word + "'");
}

} // namespace

Result<RemoteSeatSpec> readRemoteSeat(const YAML::Node& node, SessionSource& source,
                                      const std::string& path)
{
    source.note(path, lineOf(node));
    constexpr const char* example = "{ listen: \"127.0.0.1:7100\", send_to: \"127.0.0.1:7200\" }";
    if (!node.IsMap())
        return source.refuseAtLine(lineOf(node), path,
                                   std::string("expected a map such as ") + example);
    RemoteSeatSpec remote;
    bool listen = false;
    bool sendTo = false;
    for (const auto& entry : node)
    {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        const std::string keyPath = path + "." + key;
        if (key != "listen" && key != "send_to")
            return source.refuseAtLine(lineOf(entry.first), keyPath,
                                       "unknown key '" + key + "' (allowed: listen, send_to)");
        if ((key == "listen" && listen) || (key == "send_to" && sendTo))
            return source.refuseAtLine(lineOf(entry.first), keyPath, "given twice");
        auto parsed = endpoint(entry.second, source, keyPath);
        if (!parsed)
            return Error{parsed.error()};
        (key == "listen" ? remote.listen : remote.sendTo) = parsed.value();
        (key == "listen" ? listen : sendTo) = true;
    }
    if (!listen || !sendTo)
        return source.refuseAtLine(lineOf(node), path,
                                   std::string("needs both listen and send_to: ") + example);
    return remote;
}

} // namespace dragoman
