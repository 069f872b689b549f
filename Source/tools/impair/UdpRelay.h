#pragma once
// A UDP impairment relay for network tests on one machine: packets arriving at `listen` are
// passed to `forward` through an ImpairmentModel (loss, delay, jitter, reordering,
// duplication). The kernel here has no netem, so this stands in for it.
//
// Safety: it forwards only to loopback (127.0.0.0/8) unless the caller allows other
// destinations, which tests do only for addresses inside network namespaces they created.
//
// Threads: run() on one thread; stop() from any thread or a signal handler.

#include "ImpairmentModel.h"

#include <atomic>
#include <cstdint>
#include <netinet/in.h>
#include <string>

namespace dragoman::impair
{

struct RelayCounters
{
    std::uint64_t received = 0;
    std::uint64_t forwarded = 0; // copies sent, duplicates included
    std::uint64_t dropped = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t sendErrors = 0;
};

class UdpRelay
{
public:
    // Returns an empty string on success, or what went wrong (bad address, bind failure).
    std::string open(const std::string& listen, const std::string& forward, bool anyDestination);
    void run(ImpairmentModel& model, double seconds); // 0 = until stop()
    void stop() noexcept { running.store(false); }
    const RelayCounters& counters() const { return totals; }
    std::uint16_t listenPort() const;

private:
    int socketFd = -1;
    sockaddr_in target{};
    std::atomic<bool> running{true};
    RelayCounters totals;
};

// "HOST:PORT" with a dotted IPv4 host; false when malformed.
bool parseEndpoint(const std::string& text, sockaddr_in& out);

} // namespace dragoman::impair
