#include "net/SapDirectory.h"

#include <algorithm>

namespace dragoman
{

namespace
{

bool sameSdpSession(const SdpOrigin& a, const SdpOrigin& b)
{
    // RFC 4566 §5.2: username, session id, network and address type and address name a session
    // globally; the version only says which edition of it.
    return a.username == b.username && a.sessionId == b.sessionId && a.ipv6 == b.ipv6 &&
           a.address == b.address;
}

bool isSdpType(std::string_view type)
{
    return std::ranges::equal(type, sapSdpType,
                              [](char a, char b)
                              {
                                  const auto lower = [](char c)
                                  {
                                      return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
                                  };
                                  return lower(a) == lower(b);
                              });
}

// The o= value of a deletion payload, which may be a whole SDP or only its o= line. A whole SDP
// is read as announce() read it, so that both agree on which o= counts.
std::optional<SdpOrigin> deletedOrigin(std::string_view payload)
{
    if (const auto sdp = parseSdp(payload))
        return sdp->origin;
    std::size_t pos = 0;
    while (pos < payload.size())
    {
        std::size_t end = payload.find('\n', pos);
        if (end == std::string_view::npos)
            end = payload.size();
        std::string_view line = payload.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.substr(0, 2) == "o=")
            return parseSdpOrigin(line.substr(2));
        pos = end + 1;
    }
    return std::nullopt;
}

SapDirectory::Receipt receipt(SapDirectory::Outcome outcome, const SapSession* session = nullptr)
{
    SapDirectory::Receipt r;
    r.outcome = outcome;
    r.session = session;
    return r;
}

} // namespace

std::string_view sapOutcomeName(SapDirectory::Outcome outcome) noexcept
{
    using Outcome = SapDirectory::Outcome;
    switch (outcome)
    {
    case Outcome::added:
        return "added";
    case Outcome::refreshed:
        return "refreshed";
    case Outcome::updated:
        return "updated";
    case Outcome::deleted:
        return "deleted";
    case Outcome::unknownDeletion:
        return "unknownDeletion";
    case Outcome::stale:
        return "stale";
    case Outcome::badPacket:
        return "badPacket";
    case Outcome::notSdp:
        return "notSdp";
    case Outcome::badSdp:
        return "badSdp";
    case Outcome::full:
        return "full";
    }
    return "unknown";
}

SapDirectory::Receipt SapDirectory::receive(std::span<const std::uint8_t> datagram,
                                            Clock::time_point now)
{
    const auto packet = parseSap(datagram);
    if (!packet)
    {
        auto refused = receipt(Outcome::badPacket);
        refused.packetError = packet.error();
        return refused;
    }
    if (packet->hasPayloadType && !isSdpType(packet->payloadType))
        return receipt(Outcome::notSdp);
    if (packet->type == SapMessageType::deletion)
        return remove(*packet);
    return announce(*packet, now);
}

SapDirectory::Receipt SapDirectory::announce(const SapPacket& packet, Clock::time_point now)
{
    // A repeat, byte for byte: the common case, answered without parsing the SDP again.
    auto known = std::ranges::find_if(held,
                                      [&](const SapSession& s)
                                      {
                                          return s.origin == packet.origin &&
                                                 s.messageIdHash == packet.messageIdHash &&
                                                 s.sdp == packet.payload;
                                      });
    if (known != held.end())
    {
        heardAgain(*known, now);
        return receipt(Outcome::refreshed, &*known);
    }

    auto parsed = parseSdp(packet.payload);
    if (!parsed)
    {
        auto refused = receipt(Outcome::badSdp);
        refused.sdpError = parsed.error();
        return refused;
    }
    SdpDescription& description = parsed.value();

    // The session is found by its o= line, not by the hash: two sessions of one announcer may
    // share a 16-bit hash, and must then not take turns replacing each other.
    known = findSdpSession(packet.origin, description.origin);
    if (known != held.end())
    {
        if (description.origin.sessionVersion < known->description.origin.sessionVersion)
            return receipt(Outcome::stale);
        heardAgain(*known, now);
        known->messageIdHash = packet.messageIdHash;
        known->sdp = packet.payload;
        known->description = std::move(description);
        return receipt(Outcome::updated, &*known);
    }

    if (held.size() >= settings.maximumSessions)
        return receipt(Outcome::full);
    SapSession session;
    session.origin = packet.origin;
    session.messageIdHash = packet.messageIdHash;
    session.sdp = packet.payload;
    session.description = std::move(description);
    session.firstHeard = now;
    session.lastHeard = now;
    session.interval = settings.assumedInterval;
    session.announcements = 1;
    held.push_back(std::move(session));
    return receipt(Outcome::added, &held.back());
}

SapDirectory::Receipt SapDirectory::remove(const SapPacket& packet)
{
    // By the o= line when the deletion carries one (a whole SDP or that line alone), else by
    // the message id hash, as RFC 2974 names an announcement.
    const auto origin = deletedOrigin(packet.payload);
    const auto known =
        origin ? findSdpSession(packet.origin, *origin) : find(packet.origin, packet.messageIdHash);
    if (known == held.end())
        return receipt(Outcome::unknownDeletion);
    auto deleted = receipt(Outcome::deleted);
    deleted.removed = std::move(*known);
    held.erase(known);
    return deleted;
}

void SapDirectory::heardAgain(SapSession& session, Clock::time_point now) const
{
    const auto gap = now - session.lastHeard;
    // A gap shorter than minimumGap is the same announcement arriving twice (two interfaces,
    // a retransmission), not the announcer's pace.
    if (gap >= settings.minimumGap)
    {
        if (!session.intervalMeasured)
            session.interval = gap;
        else
            session.interval += (gap - session.interval) / 4; // RFC announcers jitter by ±1/3
        session.intervalMeasured = true;
    }
    session.lastHeard = std::max(session.lastHeard, now);
    ++session.announcements;
}

SapDirectory::Clock::duration SapDirectory::timeoutOf(const SapSession& session) const noexcept
{
    return std::clamp(session.interval * settings.timeoutIntervals, settings.minimumTimeout,
                      std::max(settings.minimumTimeout, settings.maximumTimeout));
}

std::vector<SapSession> SapDirectory::expire(Clock::time_point now)
{
    std::vector<SapSession> expired;
    auto kept = held.begin();
    for (auto it = held.begin(); it != held.end(); ++it)
    {
        if (now - it->lastHeard > timeoutOf(*it))
            expired.push_back(std::move(*it));
        else
        {
            if (kept != it)
                *kept = std::move(*it);
            ++kept;
        }
    }
    held.erase(kept, held.end());
    return expired;
}

std::vector<SapSession>::iterator SapDirectory::find(const SapOrigin& origin, std::uint16_t hash)
{
    return std::ranges::find_if(held, [&](const SapSession& s)
                                { return s.origin == origin && s.messageIdHash == hash; });
}

std::vector<SapSession>::iterator SapDirectory::findSdpSession(const SapOrigin& origin,
                                                               const SdpOrigin& sdp)
{
    return std::ranges::find_if(
        held, [&](const SapSession& s)
        { return s.origin == origin && sameSdpSession(s.description.origin, sdp); });
}

} // namespace dragoman
