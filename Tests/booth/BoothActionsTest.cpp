// Every key of the booth console sends the right call, and the handover key cannot leave the
// channel with both or neither interpreter live: "now" sends exactly one seat.handover, and
// only when the partner is live and this seat is not.

#include "BoothFixture.h"

using namespace dragoman::booth;
using namespace dragoman::booth::test;

TEST_CASE("Seat keys become seat.* calls for this console's own seat", "[booth][actions]")
{
    Booth b;
    b.actions.toggleMic();
    CHECK(b.sink.last().method == "seat.mic");
    CHECK(b.sink.last().params == nlohmann::json{{"seat", "en-2"}, {"on", true}});

    setLive(b.engine, "en-2", "en");
    b.push();
    b.actions.toggleMic();
    CHECK(b.sink.last().params["on"] == false);

    b.actions.cough(true);
    CHECK(b.sink.last().method == "seat.cough");
    CHECK(b.sink.last().params["on"] == true);
    b.actions.cough(false);
    CHECK(b.sink.last().params["on"] == false);

    b.actions.selectOutput("B");
    CHECK(b.sink.last().method == "seat.output");
    CHECK(b.sink.last().params == nlohmann::json{{"seat", "en-2"}, {"output", "B"}});

    b.actions.listen("kk");
    CHECK(b.sink.last().method == "seat.listen");
    CHECK(b.sink.last().params == nlohmann::json{{"seat", "en-2"}, {"source", "kk"}});

    b.actions.setVolume(-6);
    CHECK(b.sink.last().method == "seat.volume");
    CHECK(b.sink.last().params["db"] == -6.0);
    b.actions.setBass(3);
    CHECK(b.sink.last().method == "seat.bass");
    b.actions.setTreble(-2);
    CHECK(b.sink.last().method == "seat.treble");
}

TEST_CASE("A waiting seat's mic key gives up the wait", "[booth][actions]")
{
    Booth b;
    seatIn(b.engine, "en-2")["suspended"] = true;
    b.push();
    b.actions.toggleMic();
    CHECK(b.sink.last().params["on"] == false);
}

TEST_CASE("Message keys: slow-down, call technician, text", "[booth][actions]")
{
    Booth b;
    b.actions.slowDown();
    CHECK(b.sink.last().method == "messages.send");
    CHECK(b.sink.last().params["to"] == "technician");
    CHECK(b.sink.last().params["kind"] == "slow-down");
    b.actions.callTechnician();
    CHECK(b.sink.last().params["kind"] == "call-technician");
    b.actions.sendText("seat:en-1", "next speaker reads fast");
    CHECK(b.sink.last().params["to"] == "seat:en-1");
    CHECK(b.sink.last().params["kind"] == "text");
    CHECK(b.sink.last().params["text"] == "next speaker reads fast");
    const auto count = b.sink.calls.size();
    b.actions.sendText("technician", "");
    CHECK(b.sink.calls.size() == count); // nothing to send
}

TEST_CASE("Handover: request and accept are messages; now is one seat.handover",
          "[booth][actions][handover]")
{
    Booth b;
    setLive(b.engine, "en-1", "en");
    b.push();

    b.actions.requestHandover();
    CHECK(b.sink.last().method == "messages.send");
    CHECK(b.sink.last().params["to"] == "seat:en-1");
    CHECK(b.sink.last().params["kind"] == "handover-request");
    CHECK(b.model.handover().stage() == HandoverStage::requested);

    b.model.applyMessage({{"id", 9}, {"from", "seat:en-1"}, {"kind", "handover-accept"}});
    CHECK(b.model.handover().stage() == HandoverStage::agreed);

    b.sink.calls.clear();
    b.actions.handoverNow();
    REQUIRE(b.sink.calls.size() == 1); // never a mic-off and a mic-on: one atomic call
    CHECK(b.sink.last().method == "seat.handover");
    CHECK(b.sink.last().params == nlohmann::json{{"seat", "en-2"}});
}

TEST_CASE("Handover now is refused locally when it would leave both or neither live",
          "[booth][actions][handover]")
{
    SECTION("nobody live: neither would be live after a 'handover'")
    {
        Booth b;
        b.actions.handoverNow();
        CHECK(b.sink.calls.empty());
        CHECK(b.model.refusal().find("no partner is live") != std::string::npos);
    }
    SECTION("this seat is live: the partner is the one to press now")
    {
        Booth b;
        setLive(b.engine, "en-2", "en");
        b.push();
        b.actions.handoverNow();
        CHECK(b.sink.calls.empty());
        CHECK(b.model.refusal().find("you are live") != std::string::npos);
    }
    SECTION("another booth holds the channel: that is not a partner")
    {
        Booth b;
        setLive(b.engine, "kk-1", "en");
        seatIn(b.engine, "kk-1")["channel"] = "en";
        b.push();
        b.actions.handoverNow();
        CHECK(b.sink.calls.empty());
    }
}

TEST_CASE("The H key takes the next handover step", "[booth][actions][handover]")
{
    Booth b;
    setLive(b.engine, "en-2", "en"); // this seat is live: H asks the partner
    b.push();
    b.actions.handoverKey();
    CHECK(b.sink.last().params["kind"] == "handover-request");

    Booth taker;
    setLive(taker.engine, "en-1", "en");
    taker.push();
    taker.model.applyMessage({{"id", 1}, {"from", "seat:en-1"}, {"kind", "handover-request"}});
    taker.actions.handoverKey(); // offered: H accepts
    CHECK(taker.sink.last().params["kind"] == "handover-accept");
    taker.actions.handoverKey(); // agreed and the partner is live: H takes over
    CHECK(taker.sink.last().method == "seat.handover");
}

TEST_CASE("A call the server refuses is shown on the refusal line", "[booth][actions]")
{
    Booth b;
    b.sink.refuseWith = "forbidden: role seat:en-2 may not call seat.mic for en-1";
    b.actions.toggleMic();
    CHECK(b.model.refusal().find("forbidden") != std::string::npos);
}

TEST_CASE("No seat yet (not authenticated): seat keys send nothing", "[booth][actions]")
{
    BoothModel model;
    RecordingSink sink;
    BoothActions actions(model, sink);
    actions.toggleMic();
    actions.cough(true);
    actions.handoverNow();
    CHECK(sink.calls.empty());
}
