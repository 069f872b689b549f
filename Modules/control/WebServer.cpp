#include "control/WebServer.h"

#include <websocketpp/config/asio.hpp>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include <iostream>
#include <map>
#include <set>
#include <type_traits>

namespace dragoman::control
{

class WebServer::Endpoint
{
public:
    virtual ~Endpoint() = default;
    virtual std::optional<std::string> listen(const std::string& host, std::uint16_t port) = 0;
    virtual void stop() = 0;
    virtual std::uint16_t port() const = 0;
};

namespace
{

using Handle = websocketpp::connection_hdl;

std::string bearerOrQueryToken(const std::string& authorization, const std::string& resource,
                               std::optional<std::string>& token)
{
    if (authorization.rfind("Bearer ", 0) == 0)
        token = authorization.substr(7);
    const auto question = resource.find('?');
    const std::string path = resource.substr(0, question);
    if (!token && question != std::string::npos)
    {
        const std::string query = resource.substr(question + 1);
        std::size_t start = 0;
        while (start <= query.size())
        {
            const auto end = std::min(query.find('&', start), query.size());
            const std::string pair = query.substr(start, end - start);
            if (pair.rfind("token=", 0) == 0)
                token = pair.substr(6);
            start = end + 1;
        }
    }
    return path;
}

template <typename Config> class WebEndpoint final : public WebServer::Endpoint
{
public:
    using Server = websocketpp::server<Config>;
    using ConnectionPtr = typename Server::connection_ptr;

    WebEndpoint(asio::io_context& io, ControlService& control,
                std::shared_ptr<asio::ssl::context> tls)
        : service(control), transport(tls ? "wss" : "ws")
    {
        server.init_asio(&io);
        if constexpr (std::is_same_v<Config, websocketpp::config::asio_tls>)
            server.set_tls_init_handler([tls](Handle) { return tls; });
        server.set_reuse_addr(true);
        // After an event, Nagle held the state behind the client's delayed ACK: about 40 ms of
        // its delay (the TCP lines set no_delay already). The socket is open only from here on.
        server.set_tcp_pre_init_handler(
            [this](Handle handle)
            {
                websocketpp::lib::error_code error;
                if (const auto connection = server.get_con_from_hdl(handle, error))
                    connection->get_raw_socket().set_option(asio::ip::tcp::no_delay(true), error);
            });
        // Our own log lines say who and why; websocketpp's access log would print every frame.
        server.clear_access_channels(websocketpp::log::alevel::all);
        server.clear_error_channels(websocketpp::log::elevel::all);
        server.set_max_message_size(kMaxMessageBytes);
        server.set_max_http_body_size(kMaxMessageBytes);
        server.set_validate_handler([this](Handle handle) { return validate(handle); });
        server.set_open_handler([this](Handle handle) { opened(handle); });
        server.set_close_handler([this](Handle handle) { ended(handle); });
        server.set_fail_handler([this](Handle handle) { ended(handle); });
        server.set_message_handler([this](Handle handle, typename Server::message_ptr message)
                                   { received(handle, message); });
        server.set_http_handler([this](Handle handle) { http(handle); });
    }

    Server server;

    std::optional<std::string> listen(const std::string& host, std::uint16_t port) override
    {
        websocketpp::lib::error_code error;
        server.listen(host, std::to_string(port), error);
        if (!error)
            server.start_accept(error);
        if (error)
            return "control listen: cannot listen on " + host + ":" + std::to_string(port) + ": " +
                   error.message();
        return std::nullopt;
    }

    void stop() override
    {
        websocketpp::lib::error_code ignored;
        server.stop_listening(ignored);
        const auto open = handles;
        for (const auto& [id, handle] : open)
            server.close(handle, websocketpp::close::status::going_away, "engine stops", ignored);
    }

    std::uint16_t port() const override
    {
        std::error_code error;
        return const_cast<Server&>(server).get_local_endpoint(error).port();
    }

    // The hub writes through this: what the connection's buffer can take, the rest waits.
    void flush(std::uint64_t id)
    {
        const auto found = handles.find(id);
        if (found == handles.end())
            return;
        websocketpp::lib::error_code error;
        const auto connection = server.get_con_from_hdl(found->second, error);
        if (error)
            return;
        while (connection->get_buffered_amount() < kSocketAheadBytes)
        {
            auto next = service.nextOutgoing(id);
            if (!next)
                break;
            error = connection->send(*next, websocketpp::frame::opcode::text);
            if (error)
                return;
        }
        if (closing.count(id) && !service.hasOutgoing(id))
        {
            closing.erase(id);
            server.close(found->second, websocketpp::close::status::policy_violation, closeWhy[id],
                         error);
        }
    }

    void close(std::uint64_t id, const std::string& why, bool flushFirst)
    {
        const auto found = handles.find(id);
        if (found == handles.end())
            return;
        if (flushFirst)
        {
            closing.insert(id);
            closeWhy[id] = why.substr(0, 120); // a close reason fits in one control frame
            flush(id);
            return;
        }
        // A client that does not read would never see a close frame behind its backlog:
        // drop the TCP connection, later, outside the hub's loop over its clients.
        const Handle handle = found->second;
        asio::post(server.get_io_service(),
                   [this, handle]
                   {
                       websocketpp::lib::error_code error;
                       if (auto connection = server.get_con_from_hdl(handle, error))
                           connection->terminate(error);
                   });
        lastWhy[id] = why;
    }

private:
    class Channel final : public ClientChannel
    {
    public:
        explicit Channel(WebEndpoint& web) : endpoint(web) {}
        void wake() override
        {
            if (id != 0)
                endpoint.flush(id);
        }
        void close(const std::string& why, bool flushFirst) override
        {
            endpoint.close(id, why, flushFirst);
        }
        // Known once the hub has opened the client; until then the hub's next tick flushes.
        std::uint64_t id = 0;

    private:
        WebEndpoint& endpoint;
    };

    struct Pending
    {
        std::optional<std::string> token;
    };

    bool validate(Handle handle)
    {
        const auto connection = server.get_con_from_hdl(handle);
        std::optional<std::string> token;
        const std::string path = bearerOrQueryToken(connection->get_request_header("Authorization"),
                                                    connection->get_resource(), token);
        if (path != "/rpc")
        {
            connection->set_status(websocketpp::http::status_code::not_found);
            return false;
        }
        if (token && !service.knownToken(*token))
        {
            std::cerr << "dragoman engine: control: " << connection->get_remote_endpoint() << " ("
                      << transport << "): error -32001: wrong token in the handshake\n";
            connection->set_status(websocketpp::http::status_code::unauthorized);
            return false;
        }
        pending[handle] = Pending{token};
        return true;
    }

    void opened(Handle handle)
    {
        const auto connection = server.get_con_from_hdl(handle);
        connection->set_close_handshake_timeout(1000);
        std::optional<std::string> token;
        if (const auto found = pending.find(handle); found != pending.end())
        {
            token = found->second.token;
            pending.erase(found);
        }
        auto channel = std::make_shared<Channel>(*this);
        const std::uint64_t id =
            service.open(connection->get_remote_endpoint(), transport, channel, token);
        channel->id = id;
        ids[handle] = id;
        handles[id] = handle;
    }

    void received(Handle handle, typename Server::message_ptr message)
    {
        const auto found = ids.find(handle);
        if (found != ids.end())
            service.receive(found->second, message->get_payload());
    }

    void ended(Handle handle)
    {
        pending.erase(handle);
        const auto found = ids.find(handle);
        if (found == ids.end())
            return;
        const std::uint64_t id = found->second;
        std::string why = lastWhy[id];
        websocketpp::lib::error_code error;
        if (const auto connection = server.get_con_from_hdl(handle, error))
            if (connection->get_local_close_code() == websocketpp::close::status::message_too_big)
                service.oversized(connection->get_remote_endpoint(), transport);
        ids.erase(found);
        handles.erase(id);
        closing.erase(id);
        closeWhy.erase(id);
        lastWhy.erase(id);
        service.closed(id, why);
    }

    void http(Handle handle)
    {
        const auto connection = server.get_con_from_hdl(handle);
        if (connection->get_request().get_method() != "GET")
        {
            connection->set_status(websocketpp::http::status_code::method_not_allowed);
            connection->set_body("405 method not allowed: GET only\n");
            return;
        }
        const HttpReply reply = service.httpGet(connection->get_resource(),
                                                connection->get_request_header("Authorization"),
                                                connection->get_remote_endpoint());
        connection->set_status(static_cast<websocketpp::http::status_code::value>(reply.status));
        connection->replace_header("Content-Type", reply.contentType);
        if (reply.status == 401)
            connection->replace_header("WWW-Authenticate", "Bearer");
        connection->replace_header("Cache-Control", "no-store");
        connection->set_body(reply.body);
    }

    ControlService& service;
    std::string transport;
    std::map<Handle, Pending, std::owner_less<Handle>> pending;
    std::map<Handle, std::uint64_t, std::owner_less<Handle>> ids;
    std::map<std::uint64_t, Handle> handles;
    std::set<std::uint64_t> closing;
    std::map<std::uint64_t, std::string> closeWhy;
    std::map<std::uint64_t, std::string> lastWhy;
};

} // namespace

WebServer::WebServer(asio::io_context& io, ControlService& service,
                     std::shared_ptr<asio::ssl::context> tls)
{
    if (tls)
        endpoint = std::make_unique<WebEndpoint<websocketpp::config::asio_tls>>(io, service, tls);
    else
        endpoint = std::make_unique<WebEndpoint<websocketpp::config::asio>>(io, service, nullptr);
}

WebServer::~WebServer() = default;

std::optional<std::string> WebServer::listen(const std::string& host, std::uint16_t port)
{
    return endpoint->listen(host, port);
}

void WebServer::stop()
{
    endpoint->stop();
}

std::uint16_t WebServer::port() const
{
    return endpoint->port();
}

} // namespace dragoman::control
