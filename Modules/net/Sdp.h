#pragma once
// One SDP (RFC 4566) per channel: the description a delegate's receiver, ffmpeg or GStreamer
// needs to play the channel's Opus stream (RFC 7587), with the channel's language (a=lang) and
// its name in UTF-8 (s=). The writer produces exactly one form, the one both players accept;
// the parser reads that form and what common senders write (ffmpeg, GStreamer, VLC), ignoring
// lines and attributes it does not need, and names the line of anything malformed.
//
// Only the first m=audio section is read. Media-level c=, a=lang and direction override the
// session-level ones.
//
// Threads: pure functions on values, any thread. They allocate: control or network threads
// only, never the audio thread.

#include "core/Result.h"
#include "net/Parsed.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dragoman
{

enum class SdpDirection : std::uint8_t
{
    sendrecv, // RFC 4566's default when no attribute is given
    recvonly,
    sendonly,
    inactive,
};

// o= (RFC 4566 §5.2): with the session id it names a session across announcements; the version
// goes up whenever the description changes.
struct SdpOrigin
{
    std::string username = "-";
    std::uint64_t sessionId = 0;
    std::uint64_t sessionVersion = 0;
    bool ipv6 = false; // address type: IP4 or IP6
    std::string address = "127.0.0.1";

    friend bool operator==(const SdpOrigin&, const SdpOrigin&) = default;
};

// The defaults are our channel form: Opus, mono sent as RFC 7587 asks ("opus/48000/2" with
// stereo=0), in-band FEC on, receive-only for the delegate.
struct SdpDescription
{
    SdpOrigin origin;
    std::string sessionName; // s=: the channel's name for people, e.g. "Kazakh Қазақша"
    std::string information; // i= (session level): e.g. the meeting; empty: no line
    bool connectionIpv6 = false;
    std::string connectionAddress; // c=: multicast group or unicast address; empty: none
    int ttl = 0;                   // c=ADDR/TTL for IPv4 multicast; 0: not written / not given
    std::uint16_t port = 5004;
    std::string protocol = "RTP/AVP";
    std::uint8_t payloadType = 96;     // the first format of the m= line
    std::string encodingName = "opus"; // a=rtpmap; empty: no line (a static payload type)
    std::uint32_t clockRate = 48000;
    int encodingChannels = 2; // 0: not given in a=rtpmap
    std::string formatParameters =
        "stereo=0; sprop-stereo=0; maxplaybackrate=48000; useinbandfec=1";
    int ptimeMicroseconds = 10000; // a=ptime in µs so that 2.5 ms is exact; 0: no line
    std::string language;          // a=lang: e.g. "kk"; empty: no line
    std::string channelId;         // a=x-dragoman-channel: the session's channel id
    SdpDirection direction = SdpDirection::recvonly;

    friend bool operator==(const SdpDescription&, const SdpDescription&) = default;
};

struct SdpError
{
    int line = 0; // 1-based; 0 when the error is about the whole text (e.g. no m=audio)
    std::string message;

    std::string text() const; // "line 4: ..." or the message alone
};

// CRLF line ends, as RFC 4566 asks. Refuses what would not parse back the same: an empty s=,
// text with control characters or invalid UTF-8, tokens that are empty or hold spaces, format
// parameters with surrounding spaces, a payload type over 127, a TTL over 255. RFC 4566 §5.7
// wants a TTL on every IPv4 multicast c= line: that is the caller's to set (the sender does).
Result<std::string> writeSdp(const SdpDescription& description);

// Accepts LF or CRLF line ends, blank lines, and unknown line types and attributes. Refuses
// malformed lines of the kinds it reads, text that is not UTF-8 or carries control characters,
// a first line other than v=0, and a description without o=, s= or an m=audio line. Fields the
// text does not give are left empty or 0 (not the writer's defaults).
Parsed<SdpDescription, SdpError> parseSdp(std::string_view text);

// One o= value (the part after "o="), e.g. from a SAP deletion that carries only the origin.
std::optional<SdpOrigin> parseSdpOrigin(std::string_view value);

// One parameter of an a=fmtp value ("stereo=0; useinbandfec=1"), or nothing if absent.
std::optional<std::string_view> formatParameter(std::string_view parameters, std::string_view key);

std::string_view sdpDirectionName(SdpDirection direction) noexcept;

} // namespace dragoman
