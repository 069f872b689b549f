#pragma once
// The seam between the transports (WebSocket + HTTP, plain TCP lines) and the control hub that
// answers them. Transports know sockets and framing; the hub knows JSON-RPC, roles and state.
// Clients are numbers, so that a transport never holds a pointer into the hub and a late
// callback after a disconnect finds nothing rather than a dangling client.
//
// This header is plain C++17 on purpose: websocketpp 0.8 does not compile as C++20 (its
// constructors are written as template-ids), so WebServer.cpp is built as C++17 and may include
// nothing newer.
//
// Threads: every function here is called on the network (io_context) thread only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace dragoman::control
{

// One connection as the hub drives it; implemented by each transport.
class ClientChannel
{
public:
    virtual ~ClientChannel() = default;
    // The client's outbox has something: write what the transport can take now.
    virtual void wake() = 0;
    // Ends the connection. `flush`: write what is queued first (a final error reply); otherwise
    // at once (a client that does not read).
    virtual void close(const std::string& why, bool flush) = 0;
};

struct HttpReply
{
    int status = 200;
    std::string contentType = "text/plain; charset=utf-8";
    std::string body;
};

// The hub as the transports see it.
class ControlService
{
public:
    virtual ~ControlService() = default;

    // A new connection; `token`: given in the handshake (WebSocket URL or header), if any.
    virtual std::uint64_t open(const std::string& address, const std::string& transport,
                               std::shared_ptr<ClientChannel> channel,
                               const std::optional<std::string>& token) = 0;
    // One complete message (a WebSocket text frame or one line), at most kMaxMessageBytes.
    virtual void receive(std::uint64_t client, const std::string& text) = 0;
    // The next message to write to the client, in order; nullopt when nothing waits.
    virtual std::optional<std::string> nextOutgoing(std::uint64_t client) = 0;
    virtual bool hasOutgoing(std::uint64_t client) = 0;
    // The connection is gone (closed by either side); `why` is logged when not empty.
    virtual void closed(std::uint64_t client, const std::string& why) = 0;
    // A message over the size limit: counted and logged; the transport closes the connection.
    virtual void oversized(const std::string& address, const std::string& transport) = 0;

    // Whether a handshake token is known (a wrong token refuses the WebSocket handshake).
    virtual bool knownToken(const std::string& token) = 0;
    // GET `target` (path and query) with the request's Authorization header.
    virtual HttpReply httpGet(const std::string& target, const std::string& authorization,
                              const std::string& address) = 0;
};

constexpr std::size_t kMaxMessageBytes = 64 * 1024;
// A transport hands the socket layer no more than this ahead of the network: the rest waits in
// the hub's bounded outbox, where meters are coalesced and the cap applies.
constexpr std::size_t kSocketAheadBytes = 64 * 1024;

} // namespace dragoman::control
