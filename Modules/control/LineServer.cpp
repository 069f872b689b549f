#include "control/LineServer.h"

#include <iostream>

namespace dragoman::control
{

namespace
{

using asio::ip::tcp;

// One connection. Stream: tcp::socket, or asio::ssl::stream<tcp::socket> with TLS.
template <typename Stream>
class LineConnection final : public ClientChannel,
                             public std::enable_shared_from_this<LineConnection<Stream>>
{
public:
    using Registry = std::set<std::shared_ptr<ClientChannel>>;

    LineConnection(Stream socketStream, ControlService& control, std::shared_ptr<Registry> list,
                   std::string peer, bool tls)
        : stream(std::move(socketStream)), service(control), registry(std::move(list)),
          address(std::move(peer)), transport(tls ? "tls" : "tcp")
    {
    }

    void start()
    {
        registry->insert(this->shared_from_this());
        if constexpr (std::is_same_v<Stream, tcp::socket>)
            opened();
        else
        {
            auto self = this->shared_from_this();
            stream.async_handshake(asio::ssl::stream_base::server,
                                   [self](const std::error_code& error)
                                   {
                                       if (error)
                                           self->finish("TLS handshake failed: " + error.message());
                                       else
                                           self->opened();
                                   });
        }
    }

    void wake() override
    {
        if (writing || finished)
            return;
        auto next = service.nextOutgoing(client);
        if (!next)
        {
            if (closeAfterFlush)
                finish(closeWhy);
            return;
        }
        writing = true;
        outgoing = std::move(*next);
        outgoing += '\n';
        auto self = this->shared_from_this();
        asio::async_write(stream, asio::buffer(outgoing),
                          [self](const std::error_code& error, std::size_t)
                          {
                              self->writing = false;
                              if (error)
                                  self->finish("");
                              else
                                  self->wake();
                          });
    }

    void close(const std::string& why, bool flush) override
    {
        if (flush)
        {
            closeAfterFlush = true;
            closeWhy = why;
            wake();
        }
        else
        {
            // Deferred: the hub may be in the middle of a loop over its clients.
            auto self = this->shared_from_this();
            asio::post(lowest().get_executor(), [self, why] { self->finish(why); });
        }
    }

private:
    tcp::socket& lowest()
    {
        if constexpr (std::is_same_v<Stream, tcp::socket>)
            return stream;
        else
            return stream.next_layer();
    }

    void opened()
    {
        client = service.open(address, transport, this->shared_from_this(), std::nullopt);
        read();
    }

    void read()
    {
        if (finished || closeAfterFlush)
            return;
        auto self = this->shared_from_this();
        asio::async_read_until(stream, asio::dynamic_buffer(input, kMaxMessageBytes + 1), '\n',
                               [self](const std::error_code& error, std::size_t length)
                               {
                                   if (error == asio::error::not_found)
                                   {
                                       self->service.oversized(self->address, self->transport);
                                       self->finish("");
                                       return;
                                   }
                                   if (error)
                                   {
                                       self->finish("");
                                       return;
                                   }
                                   std::string line = self->input.substr(0, length - 1);
                                   self->input.erase(0, length);
                                   if (!line.empty() && line.back() == '\r')
                                       line.pop_back();
                                   if (line.find_first_not_of(" \t") != std::string::npos)
                                       self->service.receive(self->client, line);
                                   self->read();
                               });
    }

    void finish(const std::string& why)
    {
        if (finished)
            return;
        finished = true;
        std::error_code ignored;
        lowest().shutdown(tcp::socket::shutdown_both, ignored);
        lowest().close(ignored);
        if (client != 0)
            service.closed(client, why);
        registry->erase(this->shared_from_this());
    }

    Stream stream;
    ControlService& service;
    std::shared_ptr<Registry> registry;
    std::string address;
    std::string transport;
    std::uint64_t client = 0;
    std::string input;
    std::string outgoing;
    bool writing = false;
    bool finished = false;
    bool closeAfterFlush = false;
    std::string closeWhy;
};

std::string peerOf(const tcp::socket& socket)
{
    std::error_code error;
    const auto endpoint = socket.remote_endpoint(error);
    if (error)
        return "unknown";
    return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

} // namespace

LineServer::LineServer(asio::io_context& context, ControlService& control,
                       std::shared_ptr<asio::ssl::context> tlsContext)
    : io(context), service(control), tls(std::move(tlsContext)), acceptor(context),
      open(std::make_shared<std::set<std::shared_ptr<ClientChannel>>>())
{
}

LineServer::~LineServer() = default;

std::optional<std::string> LineServer::listen(const std::string& host, std::uint16_t port)
{
    std::error_code error;
    const auto address = asio::ip::make_address(host, error);
    if (error)
        return "control tcp: '" + host + "' is not an IP address";
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol(), error);
    if (!error)
        acceptor.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error)
        acceptor.bind(endpoint, error);
    if (!error)
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error)
        return "control tcp: cannot listen on " + host + ":" + std::to_string(port) + ": " +
               error.message();
    accept();
    return std::nullopt;
}

std::uint16_t LineServer::port() const
{
    std::error_code error;
    return acceptor.local_endpoint(error).port();
}

void LineServer::accept()
{
    acceptor.async_accept(
        [this](const std::error_code& error, tcp::socket socket)
        {
            if (error == asio::error::operation_aborted || !acceptor.is_open())
                return;
            if (!error)
            {
                std::error_code ignored;
                socket.set_option(tcp::no_delay(true), ignored);
                const std::string peer = peerOf(socket);
                if (tls)
                    std::make_shared<LineConnection<asio::ssl::stream<tcp::socket>>>(
                        asio::ssl::stream<tcp::socket>(std::move(socket), *tls), service, open,
                        peer, true)
                        ->start();
                else
                    std::make_shared<LineConnection<tcp::socket>>(std::move(socket), service, open,
                                                                  peer, false)
                        ->start();
            }
            accept();
        });
}

void LineServer::stop()
{
    std::error_code ignored;
    acceptor.close(ignored);
    const auto connections = *open;
    for (const auto& connection : connections)
        connection->close("", false);
}

} // namespace dragoman::control
