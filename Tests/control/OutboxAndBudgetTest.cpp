#include "control/ClientOutbox.h"
#include "control/RequestBudget.h"

#include <catch2/catch.hpp>

using namespace dragoman::control;

TEST_CASE("RequestBudget: bursts of 200, then 100 a second", "[control][throttle]")
{
    RequestBudget budget;
    int granted = 0;
    for (int i = 0; i < 300; ++i)
        granted += budget.take(0.0) ? 1 : 0;
    CHECK(granted == 200);
    CHECK_FALSE(budget.take(0.0));
    // Half a second later: 50 more.
    granted = 0;
    for (int i = 0; i < 100; ++i)
        granted += budget.take(0.5) ? 1 : 0;
    CHECK(granted == 50);
    // A steady 100 a second is never refused.
    RequestBudget steady;
    for (int i = 0; i < 1000; ++i)
        REQUIRE(steady.take(i * 0.01));
}

TEST_CASE("ClientOutbox: meters are coalesced to the latest", "[control][outbox]")
{
    ClientOutbox outbox(1000);
    CHECK(outbox.push("reply-1"));
    outbox.pushMeters("meters-1");
    outbox.pushMeters("meters-2");
    outbox.pushMeters("meters-3");
    CHECK(outbox.push("event-1"));
    CHECK(outbox.metersDropped() == 2);
    CHECK(outbox.pop() == std::optional<std::string>("reply-1"));
    CHECK(outbox.pop() == std::optional<std::string>("event-1"));
    CHECK(outbox.pop() == std::optional<std::string>("meters-3"));
    CHECK_FALSE(outbox.pop());
    CHECK(outbox.empty());
    CHECK(outbox.bytes() == 0);
}

TEST_CASE("ClientOutbox: the cap drops meters first, then refuses", "[control][outbox]")
{
    ClientOutbox outbox(100);
    CHECK(outbox.push(std::string(60, 'a')));
    outbox.pushMeters(std::string(30, 'm'));
    CHECK(outbox.bytes() == 90);
    // 60 + 30 + 30 > 100: the meters go, the message fits.
    CHECK(outbox.push(std::string(30, 'b')));
    CHECK(outbox.bytes() == 90);
    CHECK(outbox.metersDropped() == 1);
    // Meters that do not fit are dropped, never queued.
    outbox.pushMeters(std::string(20, 'm'));
    CHECK(outbox.bytes() == 90);
    // A message that does not fit: the client must be disconnected.
    CHECK_FALSE(outbox.push(std::string(20, 'c')));
    CHECK(outbox.bytes() == 90);
}

TEST_CASE("ClientOutbox: a client that never reads stays bounded", "[control][outbox]")
{
    ClientOutbox outbox;
    std::size_t accepted = 0;
    while (outbox.push(std::string(5000, 's')))
    {
        outbox.pushMeters(std::string(3000, 'm'));
        ++accepted;
    }
    CHECK(outbox.bytes() <= ClientOutbox::kDefaultCap);
    CHECK(accepted == ClientOutbox::kDefaultCap / 5000);
}
