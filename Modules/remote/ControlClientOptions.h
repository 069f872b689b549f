#pragma once
// What a ControlClient may be told beyond URL and token. The defaults suit a console on the
// engine's LAN; the TLS peer check is on unless a caller turns it off explicitly (a self-signed
// engine certificate on a closed booth network).
//
// Threads: a plain value; any thread.

#include <chrono>
#include <cstddef>
#include <string>

namespace dragoman
{

struct ControlClientOptions
{
    // wss:// and tls://: check the engine's certificate against the system's (or `caFile`'s)
    // authorities and its host name. Off only on purpose: `dragoman ctl --insecure`.
    bool verifyTlsPeer = true;
    std::string caFile;
    // A connection (plus TLS and WebSocket handshakes plus `auth`) that takes longer is dropped
    // and retried: a host that swallows SYNs would otherwise hang the client for minutes.
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds firstRetry{200};
    std::chrono::milliseconds longestRetry{2000};
    // One message (line or frame) from the server; the engine's own limit is the same.
    std::size_t maxMessageBytes = 64 * 1024;
};

} // namespace dragoman
