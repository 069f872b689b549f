#pragma once
// A FakeEngine served on loopback, over newline-delimited TCP or over WebSocket, on its own
// thread. Destroying the server closes every connection (an engine that stops).
//
// Threads: create, use and destroy from the test's thread; the server runs on its own.

#include "FakeEngine.h"

#include <cstdint>
#include <memory>
#include <string>

namespace dragoman::test
{

class TestServer
{
public:
    virtual ~TestServer() = default;
    virtual std::uint16_t port() const = 0;
    // Sends `message` to every open connection; returns once it is queued.
    virtual void broadcast(const std::string& message) = 0;
    // Closes every open connection, keeps listening.
    virtual void dropClients() = 0;
    virtual std::size_t clientCount() = 0;
};

// `port` 0 picks a free port; a given port reuses one (a restarted engine).
std::unique_ptr<TestServer> startLineServer(FakeEngine& engine, std::uint16_t port = 0);
std::unique_ptr<TestServer> startWebSocketServer(FakeEngine& engine, std::uint16_t port = 0);

} // namespace dragoman::test
