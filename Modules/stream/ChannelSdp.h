#pragma once
// The SDP (RFC 4566, RFC 7587) that tells a player how to receive one channel: the multicast
// group when the channel has one (with its TTL), else its first unicast destination; the
// channel's name in s=, its language in a=lang, and the frame size in a=ptime.
//
// Threads: control thread (allocates).

#include "core/Result.h"
#include "core/Session.h"
#include "net/Sdp.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dragoman
{

// What a stream announces about itself.
struct StreamIdentity
{
    std::string channelId; // "floor" or a channel id
    std::string language;  // empty for a floor without a fixed language
    std::string name;      // shown to delegates
};

SdpDescription channelSdp(const NetworkSpec& network, const ChannelDestinations& destinations,
                          const StreamIdentity& identity, const std::string& meeting,
                          std::uint64_t sessionId);

// Writes `<channel>.sdp` for each description into `directory` (created if missing).
std::optional<Error> writeSdpFiles(const std::filesystem::path& directory,
                                   const std::vector<std::pair<std::string, std::string>>& files);

} // namespace dragoman
