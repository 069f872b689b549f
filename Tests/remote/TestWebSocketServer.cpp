// The FakeEngine over WebSocket, as the engine serves ws://HOST:PORT/rpc. C++17 like
// Modules/remote/WebSocketLink.cpp: websocketpp 0.8.2 does not compile as C++20.

#include "TestServer.h"

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include <future>
#include <set>
#include <thread>

namespace dragoman::test
{

namespace
{

class WebSocketServer final : public TestServer
{
    using Server = websocketpp::server<websocketpp::config::asio>;

public:
    WebSocketServer(FakeEngine& fake, std::uint16_t port) : engine(fake)
    {
        server.clear_access_channels(websocketpp::log::alevel::all);
        server.clear_error_channels(websocketpp::log::elevel::all);
        server.init_asio(&io);
        server.set_reuse_addr(true);
        server.set_open_handler([this](websocketpp::connection_hdl handle)
                                { connections.insert(handle); });
        server.set_close_handler([this](websocketpp::connection_hdl handle)
                                 { connections.erase(handle); });
        server.set_message_handler(
            [this](websocketpp::connection_hdl handle, Server::message_ptr message)
            {
                for (auto& reply : engine.handle(message->get_payload()))
                {
                    websocketpp::lib::error_code ignored;
                    server.send(handle, reply, websocketpp::frame::opcode::text, ignored);
                }
            });
        server.listen(asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), port));
        server.start_accept();
        asio::error_code ignored;
        boundPort = server.get_local_endpoint(ignored).port();
        thread = std::thread([this] { io.run(); });
    }

    ~WebSocketServer() override
    {
        onServer(
            [this]
            {
                websocketpp::lib::error_code ignored;
                server.stop_listening(ignored);
                closeAll();
            });
        // The close handshake needs the client's answer; an engine that stops does not wait long.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        io.stop();
        thread.join();
    }

    std::uint16_t port() const override { return boundPort; }

    void broadcast(const std::string& message) override
    {
        onServer(
            [this, message]
            {
                for (const auto& handle : connections)
                {
                    websocketpp::lib::error_code ignored;
                    server.send(handle, message, websocketpp::frame::opcode::text, ignored);
                }
            });
    }

    void dropClients() override
    {
        onServer([this] { closeAll(); });
    }

    std::size_t clientCount() override
    {
        std::size_t count = 0;
        onServer([this, &count] { count = connections.size(); });
        return count;
    }

private:
    void closeAll()
    {
        for (const auto& handle : connections)
        {
            websocketpp::lib::error_code ignored;
            server.close(handle, websocketpp::close::status::going_away, "test", ignored);
        }
    }

    void onServer(std::function<void()> work)
    {
        std::promise<void> done;
        asio::post(io,
                   [&]
                   {
                       work();
                       done.set_value();
                   });
        done.get_future().wait();
    }

    FakeEngine& engine;
    asio::io_context io;
    Server server;
    std::set<websocketpp::connection_hdl, std::owner_less<websocketpp::connection_hdl>> connections;
    std::uint16_t boundPort = 0;
    std::thread thread;
};

} // namespace

std::unique_ptr<TestServer> startWebSocketServer(FakeEngine& engine, std::uint16_t port)
{
    return std::make_unique<WebSocketServer>(engine, port);
}

} // namespace dragoman::test
