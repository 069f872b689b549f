// ws:// and wss://: one JSON-RPC message per WebSocket text frame, with websocketpp.
//
// Compiled as C++17 (see CMakeLists.txt): websocketpp 0.8.2's headers do not compile as C++20
// ("template-id not allowed for constructor"). Nothing of websocketpp leaves this file.

#include "MessageLink.h"
#include "TlsContext.h"

#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

namespace dragoman
{

namespace
{

template <typename Config> class WebSocketLink final : public MessageLink
{
    using Endpoint = websocketpp::client<Config>;
    using ConnectionPtr = typename Endpoint::connection_ptr;
    using Connection = typename Endpoint::connection_type;
    using MessagePtr = typename Endpoint::message_ptr;

public:
    WebSocketLink(asio::io_context& context, ControlUrl where, ControlClientOptions settings,
                  Handlers reports)
        : io(context), url(std::move(where)), options(std::move(settings)),
          handlers(std::move(reports))
    {
        // The client reports what matters through onClose; websocketpp's own log would only
        // repeat it on stderr, where `dragoman ctl` keeps its output.
        endpoint.clear_access_channels(websocketpp::log::alevel::all);
        endpoint.clear_error_channels(websocketpp::log::elevel::all);
        endpoint.init_asio(&io);
        endpoint.set_open_handshake_timeout(static_cast<long>(options.connectTimeout.count()));
        endpoint.set_close_handshake_timeout(1000);
        endpoint.set_max_message_size(options.maxMessageBytes);
        // Calls are small frames, which Nagle holds behind the engine's delayed ACK. The socket
        // is connected only from here on.
        endpoint.set_tcp_pre_init_handler(
            [this](websocketpp::connection_hdl handle)
            {
                websocketpp::lib::error_code error;
                if (const auto connection = endpoint.get_con_from_hdl(handle, error))
                    connection->get_raw_socket().set_option(asio::ip::tcp::no_delay(true), error);
            });
        configureTls();
    }

    // Destroyed only after the io_context has stopped running: whatever websocketpp still has
    // queued is destroyed with the io_context, never run.
    ~WebSocketLink() override { ++generation; }

    void open() override
    {
        ++generation;
        closeReason.clear();
        websocketpp::lib::error_code error;
        ConnectionPtr connection = endpoint.get_connection(url.text(), error);
        if (error)
        {
            asio::post(io, [this, from = generation, why = "bad WebSocket URL: " + error.message()]
                       { closed(from, why); });
            return;
        }
        const std::uint64_t from = generation;
        connection->set_open_handler([this, from](websocketpp::connection_hdl handle)
                                     { opened(from, handle); });
        connection->set_fail_handler([this, from](websocketpp::connection_hdl handle)
                                     { failed(from, handle); });
        connection->set_close_handler([this, from](websocketpp::connection_hdl handle)
                                      { ended(from, handle); });
        connection->set_message_handler(
            [this, from](websocketpp::connection_hdl, MessagePtr message)
            {
                if (from == generation && handlers.onMessage)
                    handlers.onMessage(std::move(message->get_raw_payload()));
            });
        current = connection;
        endpoint.connect(connection);
    }

    void send(std::string message) override
    {
        if (!current || current->get_state() != websocketpp::session::state::open)
            return;
        current->send(message, websocketpp::frame::opcode::text); // an error means closing
    }

    void close(const std::string& why) override
    {
        if (!current)
            return;
        closeReason = why;
        if (current->get_state() == websocketpp::session::state::open)
        {
            websocketpp::lib::error_code ignored;
            current->close(websocketpp::close::status::going_away, "", ignored);
            return;
        }
        // Still connecting: websocketpp cannot close a connection that is not open, so this
        // attempt is abandoned here and closed by opened() should it ever open.
        const std::uint64_t from = generation;
        asio::post(io, [this, from, why] { closed(from, why); });
    }

private:
    void configureTls();
    // The transport's message, or for wss:// why the engine's certificate was refused.
    std::string tlsRefusal(Connection& connection, const std::string& otherwise);

    void opened(std::uint64_t from, websocketpp::connection_hdl handle)
    {
        if (from != generation)
        {
            websocketpp::lib::error_code ignored;
            endpoint.close(handle, websocketpp::close::status::going_away, "", ignored);
            return;
        }
        if (handlers.onOpen)
            handlers.onOpen();
    }

    void failed(std::uint64_t from, websocketpp::connection_hdl handle)
    {
        if (from != generation)
            return;
        websocketpp::lib::error_code ignored;
        ConnectionPtr connection = endpoint.get_con_from_hdl(handle, ignored);
        std::string why = closeReason;
        if (why.empty() && connection)
        {
            const auto status = connection->get_response_code();
            if (connection->get_transport_ec())
                why = tlsRefusal(*connection, connection->get_transport_ec().message());
            else if (status != websocketpp::http::status_code::uninitialized &&
                     status != websocketpp::http::status_code::switching_protocols)
                why = "WebSocket handshake refused: HTTP " + std::to_string(int(status)) + " " +
                      connection->get_response_msg();
            else
                why = connection->get_ec().message();
        }
        closed(from, why.empty() ? "connection failed" : why);
    }

    void ended(std::uint64_t from, websocketpp::connection_hdl handle)
    {
        if (from != generation)
            return;
        websocketpp::lib::error_code ignored;
        ConnectionPtr connection = endpoint.get_con_from_hdl(handle, ignored);
        std::string why = closeReason;
        if (connection &&
            connection->get_local_close_code() == websocketpp::close::status::message_too_big)
            why = "a message from the engine is longer than " +
                  std::to_string(options.maxMessageBytes) + " bytes";
        else if (why.empty() && connection)
        {
            why = "the engine closed the connection";
            if (connection->get_remote_close_code() != websocketpp::close::status::blank)
                why += " (" + std::to_string(connection->get_remote_close_code()) +
                       (connection->get_remote_close_reason().empty()
                            ? std::string{}
                            : " " + connection->get_remote_close_reason()) +
                       ")";
        }
        closed(from, why);
    }

    void closed(std::uint64_t from, const std::string& why)
    {
        if (from != generation)
            return;
        current.reset();
        ++generation;
        if (handlers.onClose)
            handlers.onClose(why);
    }

    asio::io_context& io;
    ControlUrl url;
    ControlClientOptions options;
    Handlers handlers;
    Endpoint endpoint;
    ConnectionPtr current;
    std::uint64_t generation = 0;
    std::string closeReason;
};

template <> void WebSocketLink<websocketpp::config::asio_client>::configureTls() {}

template <>
std::string
WebSocketLink<websocketpp::config::asio_client>::tlsRefusal(Connection&,
                                                            const std::string& otherwise)
{
    return otherwise;
}

template <>
std::string
WebSocketLink<websocketpp::config::asio_tls_client>::tlsRefusal(Connection& connection,
                                                                const std::string& otherwise)
{
    return tlsHandshakeFailure(connection.get_socket().native_handle(), otherwise);
}

template <> void WebSocketLink<websocketpp::config::asio_tls_client>::configureTls()
{
    endpoint.set_tls_init_handler(
        [this](websocketpp::connection_hdl) -> std::shared_ptr<asio::ssl::context>
        {
            auto context = makeTlsClientContext(url.host, options);
            if (!context)
            {
                closeReason = context.error();
                return nullptr;
            }
            return context.value();
        });
}

} // namespace

std::unique_ptr<MessageLink> makeWebSocketLink(asio::io_context& io, const ControlUrl& url,
                                               const ControlClientOptions& options,
                                               MessageLink::Handlers handlers)
{
    if (url.usesTls())
        return std::make_unique<WebSocketLink<websocketpp::config::asio_tls_client>>(
            io, url, options, std::move(handlers));
    return std::make_unique<WebSocketLink<websocketpp::config::asio_client>>(io, url, options,
                                                                             std::move(handlers));
}

} // namespace dragoman
