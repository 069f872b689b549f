#pragma once
// Who listens to one stream, from the RTCP receiver reports that reach the sender (RFC 3550
// §6.4.2): one entry per reporter (its SSRC and the address it reports from), forgotten 10 s
// after its last report or at once on its BYE. Each entry keeps what its last report block said
// about our stream, so the technician sees how many delegates hear the channel and whether
// one of them loses packets.
//
// Bounded: a flood of forged reporters must not grow the sender's memory without end, so past
// `capacity` entries a new reporter is refused and counted, and known ones are still updated.
//
// Threads: one owner thread (the stream's encoder thread); allocates while it grows (never the
// audio thread). The Summary it returns is a plain value.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace dragoman
{

// A reporter: its SSRC and the IPv4 address and port its reports come from (network order is
// not needed: the values are only compared).
struct ListenerKey
{
    std::uint32_t ssrc = 0;
    std::uint32_t address = 0;
    std::uint16_t port = 0;

    friend bool operator==(const ListenerKey&, const ListenerKey&) = default;
};

// What one report block said about our stream.
struct ListenerReport
{
    std::uint8_t fractionLost = 0; // x/256 since the reporter's previous report
    std::uint32_t jitter = 0;      // RTP timestamp units
    std::optional<double> rttMs;   // from LSR/DLSR, when the reporter had an SR
};

class ListenerRoster
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t defaultCapacity = 65536;
    static constexpr auto defaultTimeout = std::chrono::seconds(10);

    explicit ListenerRoster(std::size_t capacity = defaultCapacity,
                            Clock::duration timeout = defaultTimeout);

    // A report block about our stream from `key`. Returns false when a new reporter was refused
    // because the roster is full.
    bool heard(const ListenerKey& key, const ListenerReport& report, Clock::time_point now);
    // A BYE from that reporter: it no longer listens.
    void left(const ListenerKey& key);
    // Forgets reporters silent for longer than the timeout.
    void expire(Clock::time_point now);

    struct Summary
    {
        std::size_t listeners = 0;
        double meanLossPercent = 0.0; // over current listeners
        double worstLossPercent = 0.0;
        std::uint32_t maxJitter = 0;    // RTP timestamp units
        std::optional<double> maxRttMs; // the slowest listener that gave one
    };
    // Over the listeners heard within the timeout (call expire() first to also free them).
    Summary summary(Clock::time_point now) const;

    std::size_t size() const noexcept { return entries.size(); }
    std::uint64_t refused() const noexcept { return refusedCount; }

private:
    struct KeyHash
    {
        std::size_t operator()(const ListenerKey& key) const noexcept;
    };
    struct Entry
    {
        ListenerReport report;
        Clock::time_point lastHeard;
    };

    std::size_t capacity;
    Clock::duration timeout;
    std::unordered_map<ListenerKey, Entry, KeyHash> entries;
    std::uint64_t refusedCount = 0;
};

} // namespace dragoman
