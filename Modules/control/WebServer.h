#pragma once
// HTTP and WebSocket on one port (websocketpp on standalone Asio): JSON-RPC on
// ws[s]://HOST:PORT/rpc (token as ?token=T, an `Authorization: Bearer T` header, or an `auth`
// call), and GET /api/state, /metrics, /sdp/<channel>.sdp answered by the hub. websocketpp does the
// framing, masking, fragmentation and close handshake, and closes a connection whose message is
// over 64 KiB (1009). Each connection is fed from the hub's bounded outbox, at most 64 KiB ahead of
// the network.
//
// Plain C++17 on purpose, as ControlTransport.h: this header and WebServer.cpp build as C++17
// because websocketpp 0.8 is not valid C++20.
//
// Threads: listen(), stop() and every handler on the network thread (or before it runs).

#include "control/ControlTransport.h"

#include <memory>
#include <optional>
#include <string>

namespace asio
{
class io_context;
namespace ssl
{
class context;
}
} // namespace asio

namespace dragoman::control
{

class WebServer
{
public:
    // `tls`: nullptr for plain HTTP/WebSocket.
    WebServer(asio::io_context& io, ControlService& service,
              std::shared_ptr<asio::ssl::context> tls);
    ~WebServer();

    std::optional<std::string> listen(const std::string& host, std::uint16_t port);
    void stop();
    std::uint16_t port() const;

    class Endpoint; // one per configuration (plain or TLS), in WebServer.cpp

private:
    std::unique_ptr<Endpoint> endpoint;
};

} // namespace dragoman::control
