// ControlClient against a fake engine on loopback, over TCP lines and over WebSocket.

#include "remote/ControlClient.h"
#include "FakeEngine.h"
#include "TestServer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

using namespace dragoman;
using namespace dragoman::test;
using namespace std::chrono_literals;

namespace
{

// Records what the client reports, for the test's thread to wait on.
struct Probe
{
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::pair<bool, std::string>> connections;
    std::vector<std::pair<std::string, nlohmann::json>> notifications;
    std::vector<RpcReply> auths;

    ControlClient::Callbacks callbacks()
    {
        ControlClient::Callbacks callbacks;
        callbacks.onConnection = [this](bool up, const std::string& why)
        {
            record([&] { connections.emplace_back(up, why); });
        };
        callbacks.onNotification = [this](const std::string& method, const nlohmann::json& params)
        {
            record([&] { notifications.emplace_back(method, params); });
        };
        callbacks.onAuth = [this](const RpcReply& reply)
        {
            record([&] { auths.push_back(reply); });
        };
        return callbacks;
    }

    template <typename Change> void record(Change change)
    {
        std::lock_guard lock(mutex);
        change();
        changed.notify_all();
    }

    template <typename Condition>
    bool waitFor(Condition condition, std::chrono::milliseconds timeout = 5s)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, condition);
    }

    std::size_t count(bool up)
    {
        std::lock_guard lock(mutex);
        return static_cast<std::size_t>(std::count_if(
            connections.begin(), connections.end(), [up](const auto& c) { return c.first == up; }));
    }
    bool waitForConnects(std::size_t n)
    {
        return waitFor([&] { return countLocked(true) >= n; });
    }
    bool waitForDisconnects(std::size_t n)
    {
        return waitFor([&] { return countLocked(false) >= n; });
    }
    std::size_t countLocked(bool up) const
    {
        return static_cast<std::size_t>(std::count_if(
            connections.begin(), connections.end(), [up](const auto& c) { return c.first == up; }));
    }
    std::string lastWhy()
    {
        std::lock_guard lock(mutex);
        return connections.empty() ? std::string{} : connections.back().second;
    }
};

std::unique_ptr<TestServer> serve(const std::string& scheme, FakeEngine& engine,
                                  std::uint16_t port = 0)
{
    return scheme == "tcp" ? startLineServer(engine, port) : startWebSocketServer(engine, port);
}

ControlUrl urlFor(const std::string& scheme, std::uint16_t port)
{
    return ControlUrl::parse(scheme + "://127.0.0.1:" + std::to_string(port)).value();
}

// A port nothing listens on: bound, then released.
std::uint16_t closedPort()
{
    FakeEngine engine;
    return startLineServer(engine)->port();
}

// A client started against a fake engine over one transport, as every case below begins.
struct Rig
{
    explicit Rig(std::string transport, const std::string& token = "good")
        : scheme(std::move(transport)), server(serve(scheme, engine)),
          client(urlFor(scheme, server->port()), token, probe.callbacks())
    {
        client.start();
    }

    std::string scheme;
    FakeEngine engine;
    std::unique_ptr<TestServer> server;
    Probe probe;
    ControlClient client;
};

std::string transport()
{
    return GENERATE(as<std::string>{}, "tcp", "ws");
}

} // namespace

TEST_CASE("The client authenticates first, then matches replies to calls by id", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));
    CHECK(client.connected());
    CHECK_THAT(probe.lastWhy(), Catch::Contains("connected to " + scheme + "://127.0.0.1:"));

    const auto requests = engine.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["method"] == "auth");
    CHECK(requests[0]["params"]["token"] == "good");
    REQUIRE(probe.auths.size() == 1);
    CHECK(probe.auths[0].ok);
    CHECK(probe.auths[0].result["role"] == "technician");

    auto echo = client.callAndWait("echo", {{"seat", "en-1"}, {"on", true}}, 2s);
    REQUIRE(echo.ok);
    CHECK(echo.result == nlohmann::json{{"seat", "en-1"}, {"on", true}});

    // Five calls answered together in reverse order: each reply still reaches its own call.
    std::mutex mutex;
    std::vector<std::pair<int, RpcReply>> replies;
    for (int n = 0; n < 5; ++n)
        client.call("hold", {{"n", n}},
                    [&, n](const RpcReply& reply)
                    {
                        std::lock_guard lock(mutex);
                        replies.emplace_back(n, reply);
                    });
    auto released = client.callAndWait("release", nullptr, 2s);
    REQUIRE(released.ok);
    CHECK(released.result["released"] == 5);
    std::lock_guard lock(mutex);
    REQUIRE(replies.size() == 5);
    for (int i = 0; i < 5; ++i)
    {
        CHECK(replies[i].first == 4 - i);
        CHECK(replies[i].second.ok);
        CHECK(replies[i].second.result["n"] == replies[i].first);
    }

    auto unknown = client.callAndWait("no.such", nullptr, 2s);
    CHECK_FALSE(unknown.ok);
    CHECK(unknown.code == -32601);
    CHECK(unknown.message == "method not found: no.such");
}

TEST_CASE("Server notifications reach the notification callback", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));

    server->broadcast(FakeEngine::notification("state", {{"revision", 42}}));
    server->broadcast(FakeEngine::notification("event", {{"seq", 7}}));
    REQUIRE(probe.waitFor([&] { return probe.notifications.size() >= 2; }));
    CHECK(probe.notifications[0].first == "state");
    CHECK(probe.notifications[0].second["revision"] == 42);
    CHECK(probe.notifications[1].first == "event");
    CHECK(probe.notifications[1].second["seq"] == 7);
}

TEST_CASE("A refused token is reported, and the client stays disconnected", "[remote][client]")
{
    Rig rig(transport(), "wrong");
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForDisconnects(1));
    CHECK_FALSE(client.connected());
    CHECK(probe.count(true) == 0);
    CHECK_THAT(probe.lastWhy(),
               Catch::Contains("refused the token: -32001 unauthenticated: wrong token"));
    REQUIRE_FALSE(probe.auths.empty());
    CHECK(probe.auths[0].code == -32001);
    auto refused = client.callAndWait("echo", nullptr, 1s);
    CHECK(refused.code == -32000);
    CHECK(refused.message == "not connected");
}

TEST_CASE("Calls fail at once while the client is not connected", "[remote][client]")
{
    const std::string scheme = GENERATE(as<std::string>{}, "tcp", "ws");
    CAPTURE(scheme);
    Probe probe;
    ControlClient client(urlFor(scheme, closedPort()), "good", probe.callbacks());

    std::optional<RpcReply> early;
    client.call("echo", nullptr, [&](const RpcReply& reply) { early = reply; });
    REQUIRE(early); // not started: answered on the caller's thread
    CHECK(early->code == -32000);
    CHECK(early->message == "not connected");

    client.start();
    REQUIRE(probe.waitForDisconnects(1));
    CHECK_THAT(probe.lastWhy(), Catch::Contains("cannot connect to " + scheme + "://127.0.0.1:") &&
                                    Catch::Contains("refused"));
    const auto started = std::chrono::steady_clock::now();
    auto reply = client.callAndWait("echo", nullptr, 5s);
    CHECK(std::chrono::steady_clock::now() - started < 1s);
    CHECK(reply.code == -32000);
    CHECK(reply.message == "not connected");
}

TEST_CASE("Pending calls fail when the connection drops", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));

    std::promise<RpcReply> answer;
    client.call("slow", nullptr, [&](const RpcReply& reply) { answer.set_value(reply); });
    REQUIRE(engine.waitForRequests(2, 2s));
    server->dropClients();
    auto future = answer.get_future();
    REQUIRE(future.wait_for(3s) == std::future_status::ready);
    auto reply = future.get();
    CHECK(reply.code == -32000);
    CHECK_THAT(reply.message, Catch::StartsWith("disconnected: connection to " + scheme));
    REQUIRE(probe.waitForDisconnects(1));
    CHECK_FALSE(probe.connections.back().first);
}

TEST_CASE("callAndWait gives up after its timeout", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));

    const auto started = std::chrono::steady_clock::now();
    auto reply = client.callAndWait("slow", nullptr, 300ms);
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(reply.code == -32000);
    CHECK(reply.message == "timeout");
    CHECK(waited >= 300ms);
    CHECK(waited < 1500ms);
    CHECK(client.callAndWait("echo", 1, 2s).result == 1); // the connection is still good
}

TEST_CASE("The client reconnects, and authenticates again, after the engine restarts",
          "[remote][client]")
{
    const std::string scheme = GENERATE(as<std::string>{}, "tcp", "ws");
    CAPTURE(scheme);
    FakeEngine first;
    auto server = serve(scheme, first);
    const std::uint16_t port = server->port();
    Probe probe;
    ControlClient client(urlFor(scheme, port), "good", probe.callbacks());
    client.start();
    REQUIRE(probe.waitForConnects(1));

    server.reset();
    REQUIRE(probe.waitForDisconnects(1));
    CHECK_FALSE(client.connected());
    std::this_thread::sleep_for(500ms); // a few refused attempts while the engine is down

    FakeEngine second;
    server = serve(scheme, second, port);
    REQUIRE(probe.waitForConnects(2)); // backoff is at most 2 s
    CHECK(client.connected());
    const auto requests = second.requests();
    REQUIRE_FALSE(requests.empty());
    CHECK(requests[0]["method"] == "auth");
    CHECK(client.callAndWait("echo", "again", 2s).result == "again");
}

TEST_CASE("A message over 64 KiB closes the connection with a clear reason", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));

    auto reply = client.callAndWait("big", nullptr, 3s);
    CHECK(reply.code == -32000);
    CHECK_THAT(reply.message, Catch::Contains("longer than 65536 bytes"));
    REQUIRE(probe.waitForDisconnects(1));
    CHECK_THAT(probe.lastWhy(), Catch::Contains("longer than 65536 bytes"));
}

TEST_CASE("stop() fails pending calls and reports the disconnection", "[remote][client]")
{
    Rig rig(transport());
    CAPTURE(rig.scheme);
    auto& [scheme, engine, server, probe, client] = rig;
    REQUIRE(probe.waitForConnects(1));

    std::optional<RpcReply> pending;
    client.call("slow", nullptr, [&](const RpcReply& reply) { pending = reply; });
    REQUIRE(engine.waitForRequests(2, 2s));
    const auto started = std::chrono::steady_clock::now();
    client.stop();
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    REQUIRE(pending);
    CHECK(pending->message == "stopped");
    CHECK_FALSE(client.connected());
    REQUIRE(probe.connections.size() == 2);
    CHECK(probe.connections[1] == std::pair<bool, std::string>{false, "stopped"});

    client.start(); // and it can start again
    REQUIRE(probe.waitForConnects(2));
}
