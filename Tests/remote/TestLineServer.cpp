// The FakeEngine over newline-delimited TCP, as the engine serves tcp://.

#include "TestServer.h"

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/read_until.hpp>
#include <asio/write.hpp>

#include <deque>
#include <future>
#include <thread>

namespace dragoman::test
{

namespace
{

using asio::ip::tcp;

class LineSession : public std::enable_shared_from_this<LineSession>
{
public:
    LineSession(tcp::socket connected, FakeEngine& fake)
        : socket(std::move(connected)), engine(fake)
    {
    }

    void start() { readLine(); }

    void send(std::string message)
    {
        if (!socket.is_open())
            return;
        outbox.push_back(std::move(message) + "\n");
        if (outbox.size() == 1)
            writeNext();
    }

    void close()
    {
        asio::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }

    bool open() const { return socket.is_open(); }

private:
    void readLine()
    {
        asio::async_read_until(
            socket, asio::dynamic_buffer(input), '\n',
            [self = shared_from_this()](const asio::error_code& error, std::size_t length)
            {
                if (error)
                    return self->close();
                std::string line = self->input.substr(0, length - 1);
                self->input.erase(0, length);
                for (auto& reply : self->engine.handle(line))
                    self->send(std::move(reply));
                self->readLine();
            });
    }

    void writeNext()
    {
        asio::async_write(socket, asio::buffer(outbox.front()),
                          [self = shared_from_this()](const asio::error_code& error, std::size_t)
                          {
                              if (error)
                                  return self->close();
                              self->outbox.pop_front();
                              if (!self->outbox.empty())
                                  self->writeNext();
                          });
    }

    tcp::socket socket;
    FakeEngine& engine;
    std::string input;
    std::deque<std::string> outbox;
};

class LineServer final : public TestServer
{
public:
    LineServer(FakeEngine& fake, std::uint16_t port)
        : engine(fake), acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), port))
    {
        accept();
        thread = std::thread([this] { io.run(); });
    }

    ~LineServer() override
    {
        onServer(
            [this]
            {
                asio::error_code ignored;
                acceptor.close(ignored);
                for (auto& session : sessions)
                    session->close();
                sessions.clear();
            });
        thread.join();
    }

    std::uint16_t port() const override { return acceptor.local_endpoint().port(); }

    void broadcast(const std::string& message) override
    {
        onServer(
            [this, message]
            {
                for (auto& session : sessions)
                    session->send(message);
            });
    }

    void dropClients() override
    {
        onServer(
            [this]
            {
                for (auto& session : sessions)
                    session->close();
                sessions.clear();
            });
    }

    std::size_t clientCount() override
    {
        std::size_t count = 0;
        onServer(
            [this, &count]
            {
                for (auto& session : sessions)
                    count += session->open() ? 1 : 0;
            });
        return count;
    }

private:
    void accept()
    {
        acceptor.async_accept(
            [this](const asio::error_code& error, tcp::socket socket)
            {
                if (error)
                    return;
                auto session = std::make_shared<LineSession>(std::move(socket), engine);
                sessions.push_back(session);
                session->start();
                accept();
            });
    }

    // Runs `work` on the server's thread and waits for it.
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
    tcp::acceptor acceptor;
    std::vector<std::shared_ptr<LineSession>> sessions;
    std::thread thread;
};

} // namespace

std::unique_ptr<TestServer> startLineServer(FakeEngine& engine, std::uint16_t port)
{
    return std::make_unique<LineServer>(engine, port);
}

} // namespace dragoman::test
