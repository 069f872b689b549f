#include "core/SessionNetworkFile.h"
#include "core/SessionSectionReader.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dragoman
{

namespace
{

using Keys = SectionReader::Keys;

constexpr std::array<std::string_view, 7> networkKeys{
    "interface", "ttl", "opus", "sap", "sdp_dir", "channels", "default_multicast_base"};
constexpr std::array<std::string_view, 5> opusKeys{"frame_ms", "bitrate", "complexity", "fec",
                                                   "expected_loss"};
constexpr std::array<std::string_view, 4> sapKeys{"enabled", "address", "port", "interval_s"};
constexpr std::array<std::string_view, 2> destinationKeys{"multicast", "unicast"};

class NetworkReader : SectionReader
{
public:
    NetworkReader(SessionSource& source, const std::vector<ChannelSpec>& sessionChannels)
        : SectionReader(source), channels(sessionChannels)
    {
    }

    NetworkSpec read(const YAML::Node& node)
    {
        const auto entries = mapEntries(node, "network", networkKeys,
                                        "{ interface: 127.0.0.1, channels: { floor: ... } }");
        NetworkSpec network;
        for (const auto& [key, value] : entries)
        {
            const std::string path = "network." + key;
            if (value.IsNull())
                continue;
            if (key == "interface")
                network.interface = scalar(value, path);
            else if (key == "ttl")
                network.ttl = integer(value, path);
            else if (key == "opus")
                network.opus = readOpus(value);
            else if (key == "sap")
                network.sap = readSap(value);
            else if (key == "sdp_dir")
                network.sdpDir = scalar(value, path);
            else if (key == "channels")
                network.channels = readChannels(value);
            else if (key == "default_multicast_base")
                network.multicastBase = endpoint(value, path);
        }
        if (network.multicastBase)
            placeGroups(network);
        return network;
    }

private:
    const std::vector<ChannelSpec>& channels;

    // Floor: base + 1; channel i (0-based, session order): base + 2 + i. Unknown channels are
    // left for validateNetwork() to refuse; the base itself is checked there too.
    void placeGroups(NetworkSpec& network) const
    {
        in_addr base{};
        if (inet_pton(AF_INET, network.multicastBase->address.c_str(), &base) != 1)
            return;
        for (auto& destinations : network.channels)
        {
            if (destinations.multicast)
                continue;
            std::optional<std::uint32_t> offset;
            if (destinations.channel == "floor")
                offset = 1;
            for (std::size_t i = 0; i < channels.size(); ++i)
                if (channels[i].id == destinations.channel)
                    offset = static_cast<std::uint32_t>(i + 2);
            if (!offset)
                continue;
            in_addr group{};
            group.s_addr = htonl(ntohl(base.s_addr) + *offset);
            char text[INET_ADDRSTRLEN] = {};
            inet_ntop(AF_INET, &group, text, sizeof text);
            destinations.multicast = StreamEndpoint{text, network.multicastBase->port};
        }
    }

    std::string scalar(const YAML::Node& node, const std::string& key) const
    {
        if (!node.IsScalar())
            refuse(node, key, "expected a single value");
        return node.Scalar();
    }

    // Decimal only, as the rest of the session file: "010" is ten, not octal eight.
    int integer(const YAML::Node& node, const std::string& key) const
    {
        const std::string word = scalar(node, key);
        const char* first = word.data() + (word.starts_with('+') ? 1 : 0);
        const char* last = word.data() + word.size();
        int value = 0;
        const auto [end, error] = std::from_chars(first, last, value);
        if (error != std::errc{} || end != last || first == last)
            refuse(node, key, "expected a whole number, got " + quoted(word));
        return value;
    }

    double number(const YAML::Node& node, const std::string& key) const
    {
        const std::string word = scalar(node, key);
        const char* first = word.data() + (word.starts_with('+') ? 1 : 0);
        const char* last = word.data() + word.size();
        double value = 0.0;
        const auto [end, error] = std::from_chars(first, last, value);
        if (error != std::errc{} || end != last || first == last || !std::isfinite(value))
            refuse(node, key, "expected a number, got " + quoted(word));
        return value;
    }

    bool boolean(const YAML::Node& node, const std::string& key) const
    {
        const std::string word = scalar(node, key);
        if (word == "true" || word == "yes" || word == "on")
            return true;
        if (word == "false" || word == "no" || word == "off")
            return false;
        refuse(node, key, "expected true or false, got " + quoted(word));
    }

    // "A.B.C.D:PORT"; the address itself is checked by validateNetwork().
    StreamEndpoint endpoint(const YAML::Node& node, const std::string& key) const
    {
        const std::string word = scalar(node, key);
        const auto colon = word.rfind(':');
        StreamEndpoint result;
        int port = 0;
        if (colon != std::string::npos)
        {
            const char* first = word.data() + colon + 1;
            const char* last = word.data() + word.size();
            const auto [end, error] = std::from_chars(first, last, port);
            if (error == std::errc{} && end == last && first != last && port > 0 && port < 65536)
            {
                result.address = word.substr(0, colon);
                result.port = static_cast<std::uint16_t>(port);
                return result;
            }
        }
        refuse(node, key, "expected ADDRESS:PORT such as '239.69.0.1:5004', got " + quoted(word));
    }

    OpusSettings readOpus(const YAML::Node& node)
    {
        OpusSettings opus;
        for (const auto& [key, value] :
             mapEntries(node, "network.opus", opusKeys, "{ frame_ms: 10, bitrate: 32000 }"))
        {
            const std::string path = "network.opus." + key;
            if (key == "frame_ms")
            {
                const double ms = number(value, path);
                opus.frameMicroseconds = static_cast<int>(std::lround(ms * 1000.0));
                if (std::abs(ms * 1000.0 - opus.frameMicroseconds) > 1e-6)
                    opus.frameMicroseconds = -1; // refused by the validator
            }
            else if (key == "bitrate")
                opus.bitrate = integer(value, path);
            else if (key == "complexity")
                opus.complexity = integer(value, path);
            else if (key == "fec")
                opus.fec = boolean(value, path);
            else if (key == "expected_loss")
                opus.expectedLossPercent = integer(value, path);
        }
        return opus;
    }

    SapSettings readSap(const YAML::Node& node)
    {
        SapSettings sap;
        for (const auto& [key, value] :
             mapEntries(node, "network.sap", sapKeys, "{ enabled: true, interval_s: 5 }"))
        {
            const std::string path = "network.sap." + key;
            if (key == "enabled")
                sap.enabled = boolean(value, path);
            else if (key == "address")
                sap.address = scalar(value, path);
            else if (key == "port")
            {
                const int port = integer(value, path);
                if (port <= 0 || port > 65535)
                    refuse(value, path, "a UDP port is 1..65535");
                sap.port = static_cast<std::uint16_t>(port);
            }
            else if (key == "interval_s")
                sap.intervalSeconds = number(value, path);
        }
        return sap;
    }

    std::vector<ChannelDestinations> readChannels(const YAML::Node& node)
    {
        std::vector<ChannelDestinations> list;
        for (const auto& [id, value] :
             mapEntries(node, "network.channels", {}, "{ floor: { multicast: 239.69.0.1:5004 } }"))
        {
            const std::string path = "network.channels." + id;
            ChannelDestinations destinations;
            destinations.channel = id;
            if (value.IsNull()) // `en:` alone: only the default_multicast_base group
            {
                list.push_back(std::move(destinations));
                continue;
            }
            for (const auto& [key, item] :
                 mapEntries(value, path, destinationKeys, "{ multicast: 239.69.0.1:5004 }"))
            {
                const std::string itemPath = path + "." + key;
                if (item.IsNull())
                    continue;
                if (key == "multicast")
                    destinations.multicast = endpoint(item, itemPath);
                else if (item.IsScalar())
                    destinations.unicast.push_back(endpoint(item, itemPath));
                else if (item.IsSequence())
                    for (const auto& one : item)
                    {
                        const std::string onePath =
                            itemPath + "[" + std::to_string(destinations.unicast.size()) + "]";
                        src.note(onePath, lineOf(one));
                        destinations.unicast.push_back(endpoint(one, onePath));
                    }
                else
                    refuse(item, itemPath, "expected a list such as ['127.0.0.1:6000']");
            }
            list.push_back(std::move(destinations));
        }
        return list;
    }
};

} // namespace

Result<NetworkSpec> readNetworkSection(const YAML::Node& node, SessionSource& source,
                                       const std::vector<ChannelSpec>& channels)
{
    try
    {
        return NetworkReader(source, channels).read(node);
    }
    catch (const SectionRefusal& refusal)
    {
        return refusal.error;
    }
}

} // namespace dragoman
