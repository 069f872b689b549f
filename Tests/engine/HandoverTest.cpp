// The atomic handover between booth partners: in one command the taker goes live and the
// partner goes off, in every interlock mode, so that the channel is never left with both or
// neither interpreter live by mistake.

#include "DeskFixture.h"
#include "engine/RoutingDesk.h"

using namespace dragoman;
using namespace dragoman::test;

namespace
{

struct Desk
{
    Floorplan plan{deskSession()};
    RoutingDesk desk{plan};
    RecordingSink sink;

    void run(const std::string& text)
    {
        sink.events.clear();
        desk.apply(command(plan, text), 0, sink);
    }
    int seat(const std::string& id) const { return *plan.seatIndex(id); }
    int channel(const std::string& id) const { return *plan.channelIndex(id); }
    bool live(const std::string& id) const { return desk.seatLive(seat(id)); }
    int holders(const std::string& id) const { return desk.channelHolderCount(channel(id)); }
};

} // namespace

TEST_CASE("Handover: the partner goes off and the taker goes live in the same command",
          "[desk][handover]")
{
    for (const std::string mode : {"none", "interlock", "override", "toggle-override"})
    {
        INFO(mode);
        Desk d;
        d.run("booth en interlock " + mode);
        d.run("seat en-1 mic on");
        REQUIRE(d.holders("en") == 1);

        d.run("seat en-2 handover");
        CHECK(d.live("en-2"));
        CHECK_FALSE(d.live("en-1"));
        CHECK_FALSE(d.desk.seatSuspended(d.seat("en-1")));
        CHECK(d.desk.channelHolder(d.channel("en")) == d.seat("en-2"));
        CHECK(d.holders("en") == 1);

        // Events: the partner's micOff names the taker, the taker's micOn names the partner.
        const auto* off = d.sink.find(EventKind::micOff);
        const auto* on = d.sink.find(EventKind::micOn);
        REQUIRE(off != nullptr);
        REQUIRE(on != nullptr);
        CHECK(off->seat == d.seat("en-1"));
        CHECK(off->other == d.seat("en-2"));
        CHECK(on->seat == d.seat("en-2"));
        CHECK(on->other == d.seat("en-1"));
        CHECK_FALSE(d.sink.saw(EventKind::channelIdle)); // never neither
        CHECK(eventToJson(*on, d.plan, 48000).find("\"handover_from\":\"en-1\"") !=
              std::string::npos);
        CHECK(eventToText(*off, d.plan).find("handover to en-2") != std::string::npos);

        // And back again.
        d.run("seat en-1 handover");
        CHECK(d.live("en-1"));
        CHECK_FALSE(d.live("en-2"));
        CHECK(d.holders("en") == 1);
    }
}

TEST_CASE("Handover with nobody live is refused: the channel stays with neither until a mic key",
          "[desk][handover]")
{
    Desk d;
    d.run("seat en-2 handover");
    CHECK_FALSE(d.live("en-2"));
    CHECK(d.holders("en") == 0);
    const auto* refused = d.sink.find(EventKind::micRefused);
    REQUIRE(refused != nullptr);
    CHECK(refused->reason == Refusal::noPartnerLive);
    CHECK(eventToJson(*refused, d.plan, 48000).find("no-partner-live") != std::string::npos);
    CHECK(eventToText(*refused, d.plan).find("no partner is live") != std::string::npos);
}

TEST_CASE("Handover takes only from the own booth, on the own channel", "[desk][handover]")
{
    SECTION("another booth on the same channel is not a partner")
    {
        Desk d;
        d.run("floor language zh");
        d.run("seat ru-1 mic on");
        d.run("seat kk-1 output B"); // kk's B is ru, held by the ru booth
        d.run("seat kk-1 handover");
        CHECK_FALSE(d.live("kk-1"));
        CHECK(d.live("ru-1"));
        CHECK(d.sink.find(EventKind::micRefused)->reason == Refusal::noPartnerLive);
    }
    SECTION("a partner live on the booth's other output is not handed over from")
    {
        Desk d;
        d.run("floor language zh");
        d.run("seat en-1 output B");
        d.run("seat en-1 mic on");
        d.run("seat en-2 handover"); // en-2 is on A (en); en-1 holds B (ru)
        CHECK_FALSE(d.live("en-2"));
        CHECK(d.live("en-1"));
    }
}

TEST_CASE("Handover of a pass-through channel is refused like a mic key", "[desk][handover]")
{
    Desk d;
    d.run("floor language en"); // en carries the floor
    d.run("seat en-2 handover");
    CHECK_FALSE(d.live("en-2"));
    CHECK(d.sink.find(EventKind::micRefused)->reason == Refusal::passThrough);
}

TEST_CASE("A live seat's handover changes nothing", "[desk][handover]")
{
    Desk d;
    d.run("seat en-1 mic on");
    d.run("seat en-1 handover");
    CHECK(d.live("en-1"));
    CHECK(d.sink.events.empty());
}

TEST_CASE("A seat waiting behind the partner keeps waiting behind the taker", "[desk][handover]")
{
    Desk d;
    d.run("booth en interlock toggle-override");
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on"); // en-1 suspended behind en-2
    REQUIRE(d.desk.seatSuspended(d.seat("en-1")));
    d.run("seat en-3 handover"); // en-3 takes over from en-2
    CHECK(d.live("en-3"));
    CHECK_FALSE(d.live("en-2"));
    CHECK_FALSE(d.live("en-1"));
    CHECK(d.desk.seatSuspended(d.seat("en-1")));
    CHECK(d.holders("en") == 1);
    d.run("seat en-3 mic off");
    CHECK(d.live("en-1")); // resumes: still exactly one
    CHECK(d.holders("en") == 1);
}
