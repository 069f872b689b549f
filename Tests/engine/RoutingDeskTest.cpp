// The desk's rules without audio: interlock in every mode, cough, outputs, auto-relay,
// pass-through, relay depth and cycles.

#include "engine/RoutingDesk.h"
#include "DeskFixture.h"

using namespace dragoman;
using namespace dragoman::test;

namespace
{

struct Desk
{
    // Channel ru passes the floor through while the floor speaks ru; the tests that fight over
    // ru first move the floor to zh.
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
    int depth(const std::string& id) const { return desk.channelDepth(channel(id)); }
};

} // namespace

TEST_CASE("A seat goes live on its A channel and the channel leaves the floor", "[desk]")
{
    Desk d;
    CHECK(d.desk.channelCarriesFloor(d.channel("en")));
    d.run("seat en-1 mic on");
    CHECK(d.live("en-1"));
    CHECK(d.desk.seatOnAir(d.seat("en-1")));
    CHECK(d.desk.channelHolder(d.channel("en")) == d.seat("en-1"));
    CHECK_FALSE(d.desk.channelCarriesFloor(d.channel("en")));
    CHECK(d.sink.saw(EventKind::micOn));
    CHECK(d.sink.saw(EventKind::channelLive));

    d.run("seat en-1 mic off");
    CHECK_FALSE(d.live("en-1"));
    CHECK(d.desk.channelCarriesFloor(d.channel("en")));
    const auto* idle = d.sink.find(EventKind::channelIdle);
    REQUIRE(idle != nullptr);
    CHECK(idle->detail == 1);
}

TEST_CASE("Interlock within a booth refuses a second microphone and says who is live",
          "[desk][interlock]")
{
    Desk d;
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on");
    CHECK_FALSE(d.live("en-2"));
    CHECK(d.live("en-1"));
    const auto* refused = d.sink.find(EventKind::micRefused);
    REQUIRE(refused != nullptr);
    CHECK(refused->reason == Refusal::interlockInBooth);
    CHECK(refused->other == d.seat("en-1"));
    CHECK(eventToText(*refused, d.plan).find("en-1 is live") != std::string::npos);
}

TEST_CASE("Interlock within a booth holds across its outputs", "[desk][interlock]")
{
    Desk d;
    d.run("floor language zh");
    d.run("seat en-2 output B");
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on"); // on ru, but en-1 of the same booth is live
    CHECK_FALSE(d.live("en-2"));
    REQUIRE(d.sink.find(EventKind::micRefused) != nullptr);
    CHECK(d.sink.find(EventKind::micRefused)->reason == Refusal::interlockInBooth);
}

TEST_CASE("Override within a booth cuts the live microphone", "[desk][interlock]")
{
    Desk d;
    d.run("booth en interlock override");
    CHECK(d.sink.saw(EventKind::interlockChanged));
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on");
    CHECK(d.live("en-2"));
    CHECK_FALSE(d.live("en-1"));
    const auto* cut = d.sink.find(EventKind::micCut);
    REQUIRE(cut != nullptr);
    CHECK(cut->seat == d.seat("en-1"));
    CHECK(cut->other == d.seat("en-2"));
    // The cut seat does not come back on its own.
    d.run("seat en-2 mic off");
    CHECK_FALSE(d.live("en-1"));
}

TEST_CASE("Toggle-override suspends the live microphone and gives the channel back",
          "[desk][interlock]")
{
    Desk d;
    d.run("booth en interlock toggle-override");
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on");
    CHECK(d.live("en-2"));
    CHECK_FALSE(d.live("en-1"));
    CHECK(d.desk.seatSuspended(d.seat("en-1")));
    CHECK(d.sink.saw(EventKind::micSuspended));

    d.run("seat en-2 mic off");
    CHECK(d.live("en-1"));
    CHECK_FALSE(d.desk.seatSuspended(d.seat("en-1")));
    CHECK(d.sink.saw(EventKind::micResumed));
    // Never both and never neither: exactly one holder at every step.
    CHECK(d.desk.channelHolderCount(d.channel("en")) == 1);
}

TEST_CASE("A suspended seat that gives up does not come back", "[desk][interlock]")
{
    Desk d;
    d.run("booth en interlock toggle-override");
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on");
    d.run("seat en-1 mic off");
    CHECK_FALSE(d.desk.seatSuspended(d.seat("en-1")));
    d.run("seat en-2 mic off");
    CHECK_FALSE(d.live("en-1"));
    CHECK(d.desk.channelHolderCount(d.channel("en")) == 0);
}

TEST_CASE("Mode none within a booth lets several microphones be live together", "[desk][interlock]")
{
    Desk d;
    d.run("booth en interlock none");
    d.run("seat en-1 mic on");
    d.run("seat en-2 mic on");
    CHECK(d.live("en-1"));
    CHECK(d.live("en-2"));
    CHECK(d.desk.channelHolderCount(d.channel("en")) == 2);
}

TEST_CASE("Interlock between booths protects an engaged channel", "[desk][interlock]")
{
    Desk d;
    d.run("floor language zh");
    d.run("seat ru-1 mic on");
    d.run("seat kk-1 output B");
    d.run("seat kk-1 mic on");
    CHECK_FALSE(d.live("kk-1"));
    const auto* refused = d.sink.find(EventKind::micRefused);
    REQUIRE(refused != nullptr);
    CHECK(refused->reason == Refusal::interlockBetweenBooths);
    CHECK(refused->other == d.seat("ru-1"));
}

TEST_CASE("Between-booth modes: override cuts, toggle-override suspends, none mixes",
          "[desk][interlock]")
{
    SECTION("override")
    {
        Desk d;
        d.run("floor language zh");
        d.run("interlock between override");
        d.run("seat ru-1 mic on");
        d.run("seat kk-1 output B");
        d.run("seat kk-1 mic on");
        CHECK(d.live("kk-1"));
        CHECK_FALSE(d.live("ru-1"));
        CHECK(d.sink.saw(EventKind::micCut));
    }
    SECTION("toggle-override")
    {
        Desk d;
        d.run("floor language zh");
        d.run("interlock between toggle-override");
        d.run("seat ru-1 mic on");
        d.run("seat kk-1 output B");
        d.run("seat kk-1 mic on");
        CHECK(d.desk.seatSuspended(d.seat("ru-1")));
        d.run("seat kk-1 mic off");
        CHECK(d.live("ru-1"));
    }
    SECTION("none")
    {
        Desk d;
        d.run("floor language zh");
        d.run("interlock between none");
        d.run("seat ru-1 mic on");
        d.run("seat kk-1 output B");
        d.run("seat kk-1 mic on");
        CHECK(d.live("kk-1"));
        CHECK(d.live("ru-1"));
        CHECK(d.desk.channelHolderCount(d.channel("ru")) == 2);
    }
}

TEST_CASE("Moving a live seat to an engaged output is refused and it stays where it was",
          "[desk][interlock]")
{
    Desk d;
    d.run("floor language zh");
    d.run("seat ru-1 mic on");
    d.run("seat en-1 mic on");
    d.run("seat en-1 output B");
    CHECK(d.desk.seatOutputSlot(d.seat("en-1")) == 0);
    CHECK(d.sink.saw(EventKind::outputRefused));
    d.run("seat ru-1 mic off");
    d.run("seat en-1 output B");
    CHECK(d.desk.seatOutputSlot(d.seat("en-1")) == 1);
    CHECK(d.desk.seatChannel(d.seat("en-1")) == d.channel("ru"));
    CHECK(d.desk.channelCarriesFloor(d.channel("en")));
}

TEST_CASE("Cough mutes the seat and keeps its channel", "[desk][cough]")
{
    Desk d;
    d.run("seat en-1 mic on");
    d.run("seat en-1 cough on");
    CHECK(d.live("en-1"));
    CHECK_FALSE(d.desk.seatOnAir(d.seat("en-1")));
    CHECK_FALSE(d.desk.channelCarriesFloor(d.channel("en")));
    d.run("seat en-2 mic on"); // the channel is still taken
    CHECK_FALSE(d.live("en-2"));
    d.run("seat en-1 cough off");
    CHECK(d.desk.seatOnAir(d.seat("en-1")));
}

TEST_CASE("Auto-relay: the floor when understood, the pivot otherwise", "[desk][relay]")
{
    Desk d;
    CHECK(d.desk.seatSource(d.seat("en-1")) == kFloor);
    CHECK(d.desk.seatSource(d.seat("zh-1")) == d.channel("en")); // zh does not understand ru
    d.run("floor language kk");
    CHECK(d.desk.seatSource(d.seat("kk-1")) == kFloor);          // kk understands kk
    CHECK(d.desk.seatSource(d.seat("en-1")) == d.channel("ru")); // pivot kk: ru
    CHECK(d.desk.seatSource(d.seat("ru-1")) == kFloor);          // ru understands kk
    CHECK(d.sink.saw(EventKind::listenChanged));
    CHECK(d.desk.seatSource(d.seat("zh-1")) == d.channel("ru"));
}

TEST_CASE("A floor language nobody pivots for is reported and the booth hears the floor",
          "[desk][relay]")
{
    Desk d;
    d.run("floor language fr");
    CHECK(d.desk.seatSource(d.seat("zh-1")) == kFloor);
    const auto* noPivot = d.sink.find(EventKind::noPivot);
    REQUIRE(noPivot != nullptr);
    CHECK(toStringView(noPivot->language) == "fr");
}

TEST_CASE("Manual listen overrides auto", "[desk][relay]")
{
    Desk d;
    d.run("seat en-1 listen kk");
    CHECK(d.desk.seatSource(d.seat("en-1")) == d.channel("kk"));
    d.run("seat en-1 listen auto");
    CHECK(d.desk.seatSource(d.seat("en-1")) == kFloor);
    d.run("seat zh-1 listen floor");
    CHECK(d.desk.seatSource(d.seat("zh-1")) == kFloor);
}

TEST_CASE("Floor-language pass-through: the channel carries the floor", "[desk][passthrough]")
{
    Desk d;
    CHECK(d.desk.channelPassesFloor(d.channel("ru")));
    CHECK(d.depth("ru") == 0);
    d.run("seat ru-1 mic on");
    CHECK_FALSE(d.live("ru-1"));
    REQUIRE(d.sink.find(EventKind::micRefused) != nullptr);
    CHECK(d.sink.find(EventKind::micRefused)->reason == Refusal::passThrough);

    d.run("floor language en");
    CHECK(d.sink.saw(EventKind::passThroughOff));
    CHECK(d.sink.saw(EventKind::passThroughOn));
    CHECK(d.desk.channelPassesFloor(d.channel("en")));
    CHECK_FALSE(d.desk.channelPassesFloor(d.channel("ru")));
}

TEST_CASE("A live seat whose channel turns pass-through goes off air, and back on after",
          "[desk][passthrough]")
{
    Desk d;
    d.run("seat en-1 mic on");
    d.run("floor language en");
    CHECK(d.live("en-1"));
    CHECK_FALSE(d.desk.seatOnAir(d.seat("en-1")));
    CHECK(d.desk.channelCarriesFloor(d.channel("en")));
    d.run("floor language ru");
    CHECK(d.desk.seatOnAir(d.seat("en-1")));
}

TEST_CASE("Idle feed: floor or silence, per channel", "[desk][autofloor]")
{
    Desk d;
    CHECK_FALSE(d.desk.channelCarriesFloor(d.channel("zh")));
    CHECK(d.depth("zh") == kDepthNone);
    d.run("channel zh idle floor");
    CHECK(d.desk.channelCarriesFloor(d.channel("zh")));
    CHECK(d.depth("zh") == 0);
    CHECK(d.sink.saw(EventKind::idleChanged));
}

TEST_CASE("Relay depth: floor, direct, relay, double relay", "[desk][relay]")
{
    Desk d;
    CHECK(d.depth("en") == 0); // idle, carries the floor
    d.run("seat en-1 mic on");
    CHECK(d.depth("en") == 1);
    d.run("seat zh-1 mic on"); // auto: relays from en
    CHECK(d.depth("zh") == 2);
    d.run("seat kk-1 listen zh");
    d.run("seat kk-1 mic on");
    CHECK(d.depth("kk") == 3);
    const auto* depth = d.sink.find(EventKind::relayDepth);
    REQUIRE(depth != nullptr);
    CHECK(eventToText(*depth, d.plan).find("double relay") != std::string::npos);
}

TEST_CASE("A relay cycle is reported with its path and cleared when broken", "[desk][relay]")
{
    Desk d;
    d.run("seat en-1 listen kk");
    d.run("seat en-1 mic on");
    d.run("seat kk-1 listen en");
    d.run("seat kk-1 mic on");
    CHECK(d.desk.relayCycle());
    CHECK(d.depth("en") == kDepthCycle);
    CHECK(d.depth("kk") == kDepthCycle);
    const auto* cycle = d.sink.find(EventKind::relayCycle);
    REQUIRE(cycle != nullptr);
    CHECK(cycle->pathLength == 2);
    const auto text = eventToText(*cycle, d.plan);
    CHECK(text.find("en") != std::string::npos);
    CHECK(text.find("kk") != std::string::npos);

    d.run("seat kk-1 listen floor");
    CHECK_FALSE(d.desk.relayCycle());
    CHECK(d.sink.saw(EventKind::relayCycleCleared));
    CHECK(d.depth("kk") == 1);
    CHECK(d.depth("en") == 2);
}

TEST_CASE("Seat levels are kept and acknowledged", "[desk]")
{
    Desk d;
    d.run("seat en-1 volume -6");
    CHECK(d.desk.seatVolumeDb(d.seat("en-1")) == -6.0f);
    d.run("seat en-1 sidetone off");
    CHECK(std::isinf(d.desk.seatSidetoneDb(d.seat("en-1"))));
    CHECK(d.sink.saw(EventKind::seatLevel));
}
