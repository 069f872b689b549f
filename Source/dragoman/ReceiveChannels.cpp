#include "ReceiveChannels.h"

#include "stream/ReceiveSocket.h"

#include "net/SapDirectory.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/socket.h>

namespace dragoman::cli
{

namespace
{

ReceiveChannel fromSdp(const SdpDescription& sdp, std::string source, std::string fallbackId)
{
    ReceiveChannel c;
    c.language = sdp.language;
    c.name = sdp.sessionName;
    c.address = sdp.connectionAddress.empty() ? "127.0.0.1" : sdp.connectionAddress;
    c.port = sdp.port;
    c.ttl = sdp.ttl;
    c.payloadType = sdp.payloadType;
    c.source = std::move(source);
    c.id = !sdp.channelId.empty()  ? sdp.channelId
           : !sdp.language.empty() ? sdp.language
                                   : std::move(fallbackId);
    return c;
}

Result<ReceiveChannel> loadOne(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string() + ": cannot read"};
    std::stringstream text;
    text << in.rdbuf();
    const auto parsed = parseSdp(text.str());
    if (!parsed)
        return Error{file.string() + ": " + parsed.error().text()};
    if (parsed->encodingName != "opus" && parsed->encodingName != "OPUS")
        return Error{file.string() + ": not an Opus stream (" + parsed->encodingName + ")"};
    return fromSdp(*parsed, file.string(), file.stem().string());
}

} // namespace

bool ReceiveChannel::multicast() const
{
    const auto dot = address.find('.');
    if (dot == std::string::npos)
        return false;
    const int first = std::atoi(address.substr(0, dot).c_str());
    return first >= 224 && first <= 239;
}

Result<std::vector<ReceiveChannel>> loadSdpChannels(const std::vector<std::string>& paths)
{
    std::vector<ReceiveChannel> channels;
    for (const auto& path : paths)
    {
        std::vector<std::filesystem::path> files;
        std::error_code error;
        if (std::filesystem::is_directory(path, error))
        {
            for (const auto& entry : std::filesystem::directory_iterator(path, error))
                if (entry.path().extension() == ".sdp")
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            if (files.empty())
                return Error{path + ": no .sdp files in this directory"};
        }
        else
            files.emplace_back(path);
        for (const auto& file : files)
        {
            auto channel = loadOne(file);
            if (!channel)
                return Error{channel.error()};
            channels.push_back(std::move(channel.value()));
        }
    }
    return channels;
}

Result<std::vector<ReceiveChannel>> discoverSapChannels(const std::string& listen,
                                                        const std::string& interfaceAddress,
                                                        double seconds, std::size_t wanted)
{
    auto endpoint = parseEndpoint(listen);
    if (!endpoint)
        return Error{"--sap-listen " + endpoint.error()};
    auto socket = openReceiveSocket(endpoint->address, endpoint->port, interfaceAddress);
    if (!socket)
        return Error{"SAP on " + listen + ": " + socket.error()};
    SapDirectory directory;
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(seconds));
    std::array<std::uint8_t, 65536> buffer{};
    while (std::chrono::steady_clock::now() < end &&
           (wanted == 0 || directory.sessions().size() < wanted))
    {
        pollfd p{socket->get(), POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const auto n = ::recv(socket->get(), buffer.data(), buffer.size(), 0);
        if (n > 0)
            directory.receive(std::span(buffer.data(), static_cast<std::size_t>(n)),
                              std::chrono::steady_clock::now());
    }
    std::vector<ReceiveChannel> channels;
    for (const auto& session : directory.sessions())
        channels.push_back(fromSdp(session.description,
                                   "SAP from " + session.description.origin.address,
                                   "sap" + std::to_string(channels.size() + 1)));
    std::sort(channels.begin(), channels.end(),
              [](const ReceiveChannel& a, const ReceiveChannel& b) { return a.id < b.id; });
    return channels;
}

std::string languageName(std::string_view code)
{
    struct Name
    {
        std::string_view code;
        std::string_view name;
    };
    // The working languages of the meetings Dragoman is built for (DOMAIN.md), and a few more.
    static constexpr Name names[] = {
        {"floor", "Floor (original)"},
        {"ru", "Russian (Русский)"},
        {"zh", "Chinese (中文)"},
        {"kk", "Kazakh (Қазақша)"},
        {"en", "English"},
        {"hi", "Hindi (हिन्दी)"},
        {"ur", "Urdu (اردو)"},
        {"fa", "Persian (فارسی)"},
        {"uz", "Uzbek (Oʻzbekcha)"},
        {"ky", "Kyrgyz (Кыргызча)"},
        {"tg", "Tajik (Тоҷикӣ)"},
        {"be", "Belarusian (Беларуская)"},
        {"fr", "French (Français)"},
        {"de", "German (Deutsch)"},
        {"es", "Spanish (Español)"},
        {"ar", "Arabic (العربية)"},
    };
    for (const auto& n : names)
        if (n.code == code)
            return std::string(n.name);
    return std::string(code);
}

std::string channelLabel(const ReceiveChannel& channel)
{
    if (channel.language.empty())
        return channel.id;
    return channel.id + " (" + languageName(channel.language) + ")";
}

int findChannel(const std::vector<ReceiveChannel>& channels, std::string_view key)
{
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].id == key)
            return static_cast<int>(i);
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (!channels[i].language.empty() && channels[i].language == key)
            return static_cast<int>(i);
    if (!key.empty() &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        const auto number = std::stoul(std::string(key));
        if (number >= 1 && number <= channels.size())
            return static_cast<int>(number - 1);
    }
    return -1;
}

} // namespace dragoman::cli
