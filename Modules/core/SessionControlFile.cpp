#include "core/SessionControlFile.h"
#include "core/SessionSectionReader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <string_view>
#include <utility>

namespace dragoman
{

namespace
{

using Keys = SectionReader::Keys;

constexpr std::array<std::string_view, 6> controlKeys{"listen", "tcp",         "tokens_file",
                                                      "tokens", "presets_dir", "tls"};
constexpr std::array<std::string_view, 2> tlsKeys{"certificate", "key"};
constexpr std::array<std::string_view, 3> tokenKeys{"token", "role", "name"};

class ControlReader : SectionReader
{
public:
    explicit ControlReader(SessionSource& source) : SectionReader(source) {}

    ControlSpec read(const YAML::Node& node)
    {
        ControlSpec control;
        for (const auto& [key, value] :
             mapEntries(node, "control", controlKeys, "{ listen: 127.0.0.1:7700 }"))
        {
            const std::string path = "control." + key;
            if (value.IsNull())
                continue;
            if (key == "listen")
                control.listen = endpoint(value, path);
            else if (key == "tcp")
                control.tcp = endpoint(value, path);
            else if (key == "tokens_file")
                control.tokensFile = scalar(value, path);
            else if (key == "tokens")
                control.tokens = tokens(value, path);
            else if (key == "presets_dir")
                control.presetsDir = scalar(value, path);
            else if (key == "tls")
                readTls(value, control);
        }
        if (!control.listen && !control.tcp)
            refuse(node, "control", "needs listen: HOST:PORT, tcp: HOST:PORT or both");
        return control;
    }

    std::vector<ControlToken> tokens(const YAML::Node& node, const std::string& path)
    {
        if (!node.IsSequence())
            refuse(node, path,
                   "expected a list such as [{ token: \"...\", role: technician, name: Chief }]");
        std::vector<ControlToken> list;
        for (const auto& item : node)
        {
            const std::string itemPath = path + "[" + std::to_string(list.size()) + "]";
            src.note(itemPath, lineOf(item));
            ControlToken token;
            for (const auto& [key, value] :
                 mapEntries(item, itemPath, tokenKeys, "{ token: \"...\", role: viewer }"))
            {
                const std::string keyPath = itemPath + "." + key;
                if (key == "token")
                    token.token = scalar(value, keyPath);
                else if (key == "role")
                    token.role = scalar(value, keyPath);
                else
                    token.name = scalar(value, keyPath);
            }
            if (token.token.size() < 8)
                refuse(item, itemPath + ".token",
                       "a token needs at least 8 characters (a guessable token is no lock)");
            const bool seat = token.role.starts_with("seat:") && token.role.size() > 5;
            if (token.role != "technician" && token.role != "viewer" && !seat)
                refuse(item, itemPath + ".role",
                       "expected technician, viewer or seat:ID, got " + quoted(token.role));
            for (const auto& earlier : list)
                if (earlier.token == token.token)
                    refuse(item, itemPath + ".token", "the same token is listed twice");
            list.push_back(std::move(token));
        }
        return list;
    }

private:
    std::string scalar(const YAML::Node& node, const std::string& key) const
    {
        if (!node.IsScalar() || node.Scalar().empty())
            refuse(node, key, "expected a single value");
        return node.Scalar();
    }

    ControlEndpoint endpoint(const YAML::Node& node, const std::string& key) const
    {
        auto parsed = parseControlEndpoint(scalar(node, key));
        if (!parsed)
            refuse(node, key, parsed.error());
        return parsed.value();
    }

    void readTls(const YAML::Node& node, ControlSpec& control)
    {
        for (const auto& [key, value] :
             mapEntries(node, "control.tls", tlsKeys, "{ certificate: cert.pem, key: key.pem }"))
        {
            const std::string path = "control.tls." + key;
            if (key == "certificate")
                control.tlsCertificate = scalar(value, path);
            else
                control.tlsKey = scalar(value, path);
        }
        if (control.tlsCertificate.empty() != control.tlsKey.empty())
            refuse(node, "control.tls", "needs both certificate and key");
    }
};

} // namespace

Result<ControlSpec> readControlSection(const YAML::Node& node, SessionSource& source)
{
    try
    {
        return ControlReader(source).read(node);
    }
    catch (const SectionRefusal& refusal)
    {
        return refusal.error;
    }
}

Result<std::vector<ControlToken>> readControlTokens(const YAML::Node& node, SessionSource& source,
                                                    const std::string& path)
{
    try
    {
        return ControlReader(source).tokens(node, path);
    }
    catch (const SectionRefusal& refusal)
    {
        return refusal.error;
    }
}

Result<ControlEndpoint> parseControlEndpoint(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon != std::string::npos && colon > 0)
    {
        int port = 0;
        const char* first = text.data() + colon + 1;
        const char* last = text.data() + text.size();
        const auto [end, error] = std::from_chars(first, last, port);
        if (error == std::errc{} && end == last && first != last && port > 0 && port < 65536)
            return ControlEndpoint{text.substr(0, colon), static_cast<std::uint16_t>(port)};
    }
    return Error{"expected HOST:PORT such as '127.0.0.1:7700', got " + SectionReader::quoted(text)};
}

} // namespace dragoman
