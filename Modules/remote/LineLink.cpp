// tcp:// and tls://: JSON-RPC messages one per line over a TCP stream, optionally in TLS.

#include "LineBuffer.h"
#include "MessageLink.h"
#include "TlsContext.h"

#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/write.hpp>

#include <array>
#include <deque>
#include <optional>

namespace dragoman
{

namespace
{

using asio::ip::tcp;

class LineLink;

// One connection attempt and, if it succeeds, the connection. Owned by its pending asio
// operations (shared_from_this), so a connection that has been replaced dies quietly once its
// operations have been cancelled.
class LineConnection : public std::enable_shared_from_this<LineConnection>
{
public:
    LineConnection(LineLink& owner, std::uint64_t attempt, asio::io_context& io,
                   std::shared_ptr<asio::ssl::context> context, std::size_t limit)
        : link(owner), generation(attempt), resolver(io), lines(limit), maxMessageBytes(limit),
          tls(std::move(context))
    {
        if (tls)
            secure.emplace(io, *tls);
        else
            plain.emplace(io);
    }

    void start(const std::string& host, std::uint16_t port);
    void send(std::string message);
    void finish(const std::string& why);

private:
    tcp::socket& socket() { return secure ? secure->next_layer() : *plain; }
    void handshake(const std::string& host);
    void readMore();
    void writeNext();

    LineLink& link;
    std::uint64_t generation;
    tcp::resolver resolver;
    std::optional<tcp::socket> plain;
    std::optional<asio::ssl::stream<tcp::socket>> secure;
    LineBuffer lines;
    std::size_t maxMessageBytes;
    std::shared_ptr<asio::ssl::context> tls;
    std::array<char, 16 * 1024> readBuffer{};
    std::deque<std::string> outbox;
    bool writing = false;
    bool finished = false;
};

class LineLink final : public MessageLink
{
public:
    LineLink(asio::io_context& context, ControlUrl where, ControlClientOptions settings,
             Handlers reports)
        : io(context), url(std::move(where)), options(std::move(settings)),
          handlers(std::move(reports))
    {
    }
    ~LineLink() override
    {
        ++generation; // no handler runs from a destructor
        if (auto connection = current)
            connection->finish("closed");
    }

    void open() override
    {
        ++generation;
        std::shared_ptr<asio::ssl::context> tls;
        if (url.usesTls())
        {
            auto context = makeTlsClientContext(url.host, options);
            if (!context)
            {
                asio::post(io, [this, generation = generation, why = context.error()]
                           { closed(generation, why); });
                return;
            }
            tls = context.value();
        }
        current = std::make_shared<LineConnection>(*this, generation, io, std::move(tls),
                                                   options.maxMessageBytes);
        current->start(url.host, url.port);
    }

    void send(std::string message) override
    {
        if (current)
            current->send(std::move(message));
    }

    void close(const std::string& why) override
    {
        // finish() reports closed(), which drops `current`: keep the connection alive meanwhile.
        if (auto connection = current)
            connection->finish(why);
    }

    void opened(std::uint64_t from)
    {
        if (from == generation && handlers.onOpen)
            handlers.onOpen();
    }
    void received(std::uint64_t from, std::string&& message)
    {
        if (from == generation && handlers.onMessage)
            handlers.onMessage(std::move(message));
    }
    void closed(std::uint64_t from, const std::string& why)
    {
        if (from != generation)
            return;
        current.reset();
        ++generation; // exactly one report per open()
        if (handlers.onClose)
            handlers.onClose(why);
    }

private:
    asio::io_context& io;
    ControlUrl url;
    ControlClientOptions options;
    Handlers handlers;
    std::shared_ptr<LineConnection> current;
    std::uint64_t generation = 0;
};

void LineConnection::start(const std::string& host, std::uint16_t port)
{
    resolver.async_resolve(
        host, std::to_string(port),
        [self = shared_from_this(), host](const asio::error_code& error,
                                          const tcp::resolver::results_type& endpoints)
        {
            if (self->finished)
                return;
            if (error)
                return self->finish("cannot resolve '" + host + "': " + error.message());
            asio::async_connect(
                self->socket(), endpoints,
                [self, host](const asio::error_code& connectError, const tcp::endpoint&)
                {
                    if (self->finished)
                        return;
                    if (connectError)
                        return self->finish(connectError.message());
                    self->socket().set_option(tcp::no_delay(true));
                    self->handshake(host);
                });
        });
}

void LineConnection::handshake(const std::string& host)
{
    if (!secure)
    {
        link.opened(generation);
        return readMore();
    }
    // SNI: an engine behind a TLS proxy may serve several names on one address.
    SSL_set_tlsext_host_name(secure->native_handle(), host.c_str());
    secure->async_handshake(
        asio::ssl::stream_base::client,
        [self = shared_from_this()](const asio::error_code& error)
        {
            if (self->finished)
                return;
            if (error)
                return self->finish(
                    "TLS handshake: " +
                    tlsHandshakeFailure(self->secure->native_handle(), error.message()));
            self->link.opened(self->generation);
            self->readMore();
        });
}

void LineConnection::readMore()
{
    auto onRead = [self = shared_from_this()](const asio::error_code& error, std::size_t bytes)
    {
        if (self->finished)
            return;
        if (error)
            return self->finish(error == asio::error::eof ? "the engine closed the connection"
                                                          : error.message());
        const bool fits = self->lines.append(
            std::string_view(self->readBuffer.data(), bytes), [&self](std::string&& line)
            { self->link.received(self->generation, std::move(line)); });
        // received() may have closed this connection (a handler called close()).
        if (self->finished)
            return;
        if (!fits)
            return self->finish("a message from the engine is longer than " +
                                std::to_string(self->maxMessageBytes) + " bytes");
        self->readMore();
    };
    if (secure)
        secure->async_read_some(asio::buffer(readBuffer), std::move(onRead));
    else
        plain->async_read_some(asio::buffer(readBuffer), std::move(onRead));
}

void LineConnection::send(std::string message)
{
    if (finished)
        return;
    message.push_back('\n');
    outbox.push_back(std::move(message));
    if (!writing)
        writeNext();
}

void LineConnection::writeNext()
{
    if (outbox.empty() || finished)
    {
        writing = false;
        return;
    }
    writing = true;
    auto onWritten = [self = shared_from_this()](const asio::error_code& error, std::size_t)
    {
        if (self->finished)
            return;
        if (error)
            return self->finish("sending: " + error.message());
        self->outbox.pop_front();
        self->writeNext();
    };
    if (secure)
        asio::async_write(*secure, asio::buffer(outbox.front()), std::move(onWritten));
    else
        asio::async_write(*plain, asio::buffer(outbox.front()), std::move(onWritten));
}

void LineConnection::finish(const std::string& why)
{
    if (finished)
        return;
    finished = true;
    resolver.cancel();
    asio::error_code ignored;
    // No TLS close_notify: the engine treats a dropped client like a closed one, and waiting for
    // a shutdown exchange would delay reconnects and stop().
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
    link.closed(generation, why);
}

} // namespace

std::unique_ptr<MessageLink> makeLineLink(asio::io_context& io, const ControlUrl& url,
                                          const ControlClientOptions& options,
                                          MessageLink::Handlers handlers)
{
    return std::make_unique<LineLink>(io, url, options, std::move(handlers));
}

std::unique_ptr<MessageLink> makeMessageLink(asio::io_context& io, const ControlUrl& url,
                                             const ControlClientOptions& options,
                                             MessageLink::Handlers handlers)
{
    if (url.isWebSocket())
        return makeWebSocketLink(io, url, options, std::move(handlers));
    return makeLineLink(io, url, options, std::move(handlers));
}

} // namespace dragoman
