#pragma once
// The channels a delegate's receiver can play: read from SDP files (or a directory of them) or
// heard in SAP announcements, each with its language's name for the channel list.
//
// Threads: control thread only (these allocate and block on the network for SAP).

#include "core/Result.h"
#include "net/Sdp.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::cli
{

struct ReceiveChannel
{
    std::string id;       // a=x-dragoman-channel, else a=lang, else the file's stem
    std::string language; // a=lang code, may be empty
    std::string name;     // s=
    std::string address;  // c=: a multicast group or a unicast address
    std::uint16_t port = 0;
    int ttl = 0; // c=ADDR/TTL of a multicast group; 0: not given
    int payloadType = 96;
    std::string source; // where it was found: a file, or "SAP from ADDR"

    bool multicast() const;
};

// Each path is an SDP file or a directory whose *.sdp files are read (sorted by name).
Result<std::vector<ReceiveChannel>> loadSdpChannels(const std::vector<std::string>& paths);

// Listens for SAP on `listen` ("ADDR:PORT"; a multicast ADDR is joined on `interfaceAddress`)
// for `seconds`, or until `wanted` channels were heard (0: the whole time).
Result<std::vector<ReceiveChannel>> discoverSapChannels(const std::string& listen,
                                                        const std::string& interfaceAddress,
                                                        double seconds, std::size_t wanted);

// "kk" -> "Kazakh (Қазақша)"; unknown codes come back as they are.
std::string languageName(std::string_view code);

// "kk (Kazakh (Қазақша))", or the id alone when the channel names no language.
std::string channelLabel(const ReceiveChannel& channel);

// The index of the channel whose id, language or list number (1-based) is `key`, or -1.
int findChannel(const std::vector<ReceiveChannel>& channels, std::string_view key);

} // namespace dragoman::cli
