#include "remote/ControlUrl.h"

#include <catch2/catch.hpp>

using dragoman::ControlUrl;

TEST_CASE("Control URLs name scheme, host, port and WebSocket path", "[remote][url]")
{
    auto ws = ControlUrl::parse("ws://127.0.0.1:7700/rpc");
    REQUIRE(ws.ok());
    CHECK(ws->scheme == "ws");
    CHECK(ws->host == "127.0.0.1");
    CHECK(ws->port == 7700);
    CHECK(ws->path == "/rpc");
    CHECK(ws->text() == "ws://127.0.0.1:7700/rpc");

    auto tcp = ControlUrl::parse("tcp://booth-pc:7801");
    REQUIRE(tcp.ok());
    CHECK(tcp->scheme == "tcp");
    CHECK(tcp->host == "booth-pc");
    CHECK(tcp->port == 7801);
    CHECK(tcp->path.empty());
    CHECK(tcp->text() == "tcp://booth-pc:7801");

    auto tls = ControlUrl::parse("tls://engine.example.org:443/");
    REQUIRE(tls.ok());
    CHECK(tls->usesTls());
    CHECK_FALSE(tls->isWebSocket());

    auto wss = ControlUrl::parse("wss://engine.example.org/rpc?token=abc");
    REQUIRE(wss.ok());
    CHECK(wss->usesTls());
    CHECK(wss->path == "/rpc?token=abc");
}

TEST_CASE("Control URLs default to the engine's ports and /rpc", "[remote][url]")
{
    CHECK(ControlUrl::parse("ws://h")->port == 7700);
    CHECK(ControlUrl::parse("ws://h")->path == "/rpc");
    CHECK(ControlUrl::parse("ws://h?token=t")->path == "/rpc?token=t");
    CHECK(ControlUrl::parse("wss://h")->port == 7700);
    CHECK(ControlUrl::parse("tcp://h")->port == 7701);
    CHECK(ControlUrl::parse("tls://h")->port == 7701);
    CHECK(ControlUrl::parse("ws://h/")->path == "/");
}

TEST_CASE("Control URLs take IPv6 addresses in brackets", "[remote][url]")
{
    auto url = ControlUrl::parse("ws://[::1]:7700/rpc");
    REQUIRE(url.ok());
    CHECK(url->host == "::1");
    CHECK(url->port == 7700);
    CHECK(url->text() == "ws://[::1]:7700/rpc");
    CHECK(ControlUrl::parse("tcp://[fe80::1]")->port == 7701);
}

TEST_CASE("Bad control URLs say what is wrong", "[remote][url]")
{
    auto error = [](const char* text)
    {
        auto url = ControlUrl::parse(text);
        REQUIRE_FALSE(url.ok());
        return url.error();
    };
    CHECK_THAT(error("127.0.0.1:7700"),
               Catch::Contains("expected ws://, wss://, tcp:// or tls://"));
    CHECK_THAT(error("http://h:80/"), Catch::Contains("unknown scheme 'http'"));
    CHECK_THAT(error("ws://:7700/rpc"), Catch::Contains("no host"));
    CHECK_THAT(error("ws://h:/rpc"), Catch::Contains("empty port"));
    CHECK_THAT(error("ws://h:70000/rpc"), Catch::Contains("port '70000' is not a number 1-65535"));
    CHECK_THAT(error("ws://h:0"), Catch::Contains("1-65535"));
    CHECK_THAT(error("ws://h:77a"), Catch::Contains("port '77a'"));
    CHECK_THAT(error("tcp://h:7701/rpc"), Catch::Contains("tcp:// takes no path"));
    CHECK_THAT(error("ws://[::1:7700/rpc"), Catch::Contains("closing ']'"));
    CHECK_THAT(error("ws://user@h/rpc"), Catch::Contains("--token"));
    CHECK_THAT(error("tcp://h:x"), Catch::StartsWith("bad control URL 'tcp://h:x': "));
}
