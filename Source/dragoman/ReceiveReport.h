#pragma once
// The receiver's statistics as JSON (--stats FILE.json) and as one status line for the screen.
//
// Threads: control thread (allocates).

#include "ReceiveChannels.h"
#include "receive/ChannelPlayer.h"

#include <optional>
#include <string>

namespace dragoman::cli
{

struct ReceiveReport
{
    PlayerSnapshot player;
    std::string channelId;
    std::string language;
    double seconds = 0.0;               // since the receiver started
    std::optional<double> mouthToEarMs; // from RTCP; empty until a sender report came
    std::uint64_t rtcpReports = 0;
    std::uint64_t rtcpBad = 0;
    std::uint64_t inboxDropped = 0; // datagrams the audio thread had no room for
    double lastSwitchMs = -1.0;     // request to crossfade start; -1: no switch yet
};

std::string reportJson(const ReceiveReport& report);
std::string reportLine(const ReceiveReport& report);

// Bytes written to a temporary file beside `path` and renamed over it, so a reader never sees
// half a file. Returns false on failure.
bool writeFileAtomically(const std::string& path, const std::string& text);

} // namespace dragoman::cli
