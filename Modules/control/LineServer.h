#pragma once
// JSON-RPC over plain TCP (or TLS), one message per line ('\n'), as Snapcast's control port:
// the simplest client is `nc`, or python's socket module. A line over 64 KiB closes that
// connection only. Each connection writes one message at a time from the hub's bounded outbox,
// so a client that does not read holds at most the socket buffers plus 1 MiB.
//
// Threads: constructed, started and stopped on the network thread (or before it runs); every
// handler runs on the network thread.

#include "control/ControlTransport.h"

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <memory>
#include <set>
#include <string>

namespace dragoman::control
{

class LineServer
{
public:
    // `tls`: nullptr for plain TCP.
    LineServer(asio::io_context& io, ControlService& service,
               std::shared_ptr<asio::ssl::context> tls);
    ~LineServer();

    // Binds and listens; the error says where and why.
    std::optional<std::string> listen(const std::string& host, std::uint16_t port);
    void stop();
    std::uint16_t port() const;

private:
    void accept();

    asio::io_context& io;
    ControlService& service;
    std::shared_ptr<asio::ssl::context> tls;
    asio::ip::tcp::acceptor acceptor;
    // Every open connection, so that stop() can close them.
    std::shared_ptr<std::set<std::shared_ptr<ClientChannel>>> open;
};

} // namespace dragoman::control
