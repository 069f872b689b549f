// The pure pieces under ControlClient: JSON-RPC messages, line framing, backoff.

#include "remote/JsonRpcMessage.h"
#include "remote/LineBuffer.h"
#include "remote/ReconnectBackoff.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using Kind = IncomingMessage::Kind;

TEST_CASE("Requests carry id, method and params, and leave null params out", "[remote][wire]")
{
    auto request = nlohmann::json::parse(encodeRequest(7, "seat.mic", {{"seat", "en-1"}}));
    CHECK(request["jsonrpc"] == "2.0");
    CHECK(request["id"] == 7);
    CHECK(request["method"] == "seat.mic");
    CHECK(request["params"]["seat"] == "en-1");
    CHECK_FALSE(nlohmann::json::parse(encodeRequest(8, "state.get", nullptr)).contains("params"));
}

TEST_CASE("Incoming messages sort into replies and notifications", "[remote][wire]")
{
    auto ok = decodeIncoming(R"({"jsonrpc":"2.0","id":3,"result":{"queued":true}})");
    REQUIRE(ok.kind == Kind::reply);
    CHECK(ok.id == 3);
    CHECK(ok.reply.ok);
    CHECK(ok.reply.result["queued"] == true);

    auto failed =
        decodeIncoming(R"({"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"no seat"}})");
    REQUIRE(failed.kind == Kind::reply);
    CHECK_FALSE(failed.reply.ok);
    CHECK(failed.reply.code == -32602);
    CHECK(failed.reply.message == "no seat");

    auto nullResult = decodeIncoming(R"({"jsonrpc":"2.0","id":5,"result":null})");
    REQUIRE(nullResult.kind == Kind::reply);
    CHECK(nullResult.reply.ok);

    auto state = decodeIncoming(R"({"jsonrpc":"2.0","method":"state","params":{"revision":1}})");
    REQUIRE(state.kind == Kind::notification);
    CHECK(state.method == "state");
    CHECK(state.params["revision"] == 1);

    CHECK(decodeIncoming("{not json").kind == Kind::invalid);
    CHECK(decodeIncoming("[1,2]").kind == Kind::invalid);
    CHECK(decodeIncoming(R"({"jsonrpc":"2.0","id":"x","result":1})").kind == Kind::invalid);
    CHECK(decodeIncoming(R"({"jsonrpc":"2.0","id":6})").kind == Kind::invalid);
    auto parseError =
        decodeIncoming(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}})");
    CHECK(parseError.kind == Kind::invalid);
    CHECK_THAT(parseError.problem, Catch::Contains("bad"));
}

TEST_CASE("The line buffer splits on newlines and refuses an endless line", "[remote][wire]")
{
    LineBuffer buffer(10);
    std::vector<std::string> lines;
    auto collect = [&](std::string&& line)
    {
        lines.push_back(std::move(line));
    };
    CHECK(buffer.append("ab", collect));
    CHECK(buffer.append("c\r\n\nde\nf", collect));
    CHECK(lines == std::vector<std::string>{"abc", "de"});
    CHECK(buffer.append("123456789\n", collect)); // "f" + 9 = the limit exactly
    CHECK(lines.back() == "f123456789");
    CHECK_FALSE(buffer.append("12345678901", collect));
}

TEST_CASE("Reconnects wait 0.2 s doubling to 2 s, and start over after a success", "[remote][wire]")
{
    using std::chrono::milliseconds;
    ReconnectBackoff backoff(milliseconds(200), milliseconds(2000));
    CHECK(backoff.next() == milliseconds(200));
    CHECK(backoff.next() == milliseconds(400));
    CHECK(backoff.next() == milliseconds(800));
    CHECK(backoff.next() == milliseconds(1600));
    CHECK(backoff.next() == milliseconds(2000));
    CHECK(backoff.next() == milliseconds(2000));
    backoff.reset();
    CHECK(backoff.next() == milliseconds(200));
}
