#pragma once
// The channels heard on SAP: a receiver feeds it every SAP datagram and asks it which sessions
// are live. A repeat is recognised by (origin address, message id hash) and the same payload,
// as RFC 2974 names an announcement; a session itself is identified by its announcer's address
// and its SDP o= line less the version (RFC 4566 §5.2), because two sessions of one announcer
// can share a 16-bit hash. Sessions are refreshed by repeats, replaced by a newer version,
// removed by a deletion packet (matched by its o= line, or by the hash when it has none), and
// timed out when their announcer falls silent.
//
// Timeout: RFC 2974 §4 deletes an announcement not heard for "ten times the announcement period,
// or one hour, whichever is the greater". An hour of dead channels in a delegate's list is too
// long on a LAN, so by default the hour is a ceiling, not a floor: 10 x the interval measured
// per session (smoothed, duplicates within minimumGap ignored), at most one hour. Set
// minimumTimeout to one hour for the RFC's rule.
//
// Pure: no socket, no clock of its own; tests feed packets and time points.
// Threads: one thread (the receiver's discovery thread) owns it. It allocates: never call it
// from the audio thread.

#include "net/Sap.h"
#include "net/Sdp.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman
{

struct SapSession
{
    SapOrigin origin;
    std::uint16_t messageIdHash = 0;
    std::string sdp; // the payload as announced
    SdpDescription description;
    std::chrono::steady_clock::time_point firstHeard;
    std::chrono::steady_clock::time_point lastHeard;
    std::chrono::steady_clock::duration interval{}; // estimated announcement interval
    bool intervalMeasured = false;                  // false: interval is the assumed one
    std::uint64_t announcements = 0;
};

class SapDirectory
{
public:
    using Clock = std::chrono::steady_clock;

    struct Settings
    {
        Clock::duration assumedInterval = std::chrono::seconds{30};  // until a repeat is heard
        Clock::duration minimumGap = std::chrono::milliseconds{500}; // shorter: a duplicate
        int timeoutIntervals = 10;
        Clock::duration minimumTimeout = Clock::duration::zero();
        Clock::duration maximumTimeout = std::chrono::hours{1};
        std::size_t maximumSessions = 256; // a flood of announcements cannot grow it further
    };

    enum class Outcome : std::uint8_t
    {
        added,           // a new session
        refreshed,       // a repeat of a known announcement
        updated,         // a known session with a new SDP (a new version, or new text)
        deleted,         // removed by a deletion packet
        unknownDeletion, // a deletion for nothing we hold
        stale,           // an older version of a session we hold: ignored
        badPacket,       // not a SAP packet we can read (see packetError)
        notSdp,          // a payload type other than application/sdp
        badSdp,          // the SDP did not parse (see sdpError)
        full,            // maximumSessions reached: a new session was refused
    };

    struct Receipt
    {
        Outcome outcome = Outcome::badPacket;
        std::optional<SapError> packetError;
        std::optional<SdpError> sdpError;
        // The session added, refreshed or updated; valid until the next non-const call.
        const SapSession* session = nullptr;
        std::optional<SapSession> removed; // the session a deletion removed
    };

    SapDirectory() : SapDirectory(Settings{}) {}
    explicit SapDirectory(Settings chosen) : settings(chosen) {}

    Receipt receive(std::span<const std::uint8_t> datagram, Clock::time_point now);

    // Removes and returns the sessions whose announcer has been silent for longer than their
    // timeout.
    std::vector<SapSession> expire(Clock::time_point now);

    const std::vector<SapSession>& sessions() const noexcept { return held; }
    Clock::duration timeoutOf(const SapSession& session) const noexcept;

private:
    Receipt announce(const SapPacket& packet, Clock::time_point now);
    Receipt remove(const SapPacket& packet);
    void heardAgain(SapSession& session, Clock::time_point now) const;
    std::vector<SapSession>::iterator find(const SapOrigin& origin, std::uint16_t hash);
    std::vector<SapSession>::iterator findSdpSession(const SapOrigin& origin, const SdpOrigin& sdp);

    Settings settings;
    std::vector<SapSession> held;
};

std::string_view sapOutcomeName(SapDirectory::Outcome outcome) noexcept;

} // namespace dragoman
