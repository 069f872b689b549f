// The booth model: what the engine's state, events and messages mean for one seat.

#include "BoothFixture.h"

using namespace dragoman::booth;
using namespace dragoman::booth::test;

TEST_CASE("The seat, its booth and its channel come from the state", "[booth][model]")
{
    Booth b;
    REQUIRE(b.model.hasState());
    CHECK(b.model.seat()->booth == "en");
    CHECK(b.model.channel()->id == "en");
    CHECK(b.model.listeners() == 3);
    CHECK(b.model.partners() == std::vector<std::string>{"en-1"});
    CHECK(b.model.state().floor.bandwidthHz == Approx(14800));
    CHECK(b.model.state().floorLanguage == "ru");
}

TEST_CASE("Engaged: another booth holds the seat's channel; a partner does not engage it",
          "[booth][model]")
{
    Booth b;
    setLive(b.engine, "en-1", "en");
    b.push();
    CHECK(b.model.engagedBy().empty());
    CHECK(b.model.livePartner() == "en-1");

    seatIn(b.engine, "en-2")["output"] = "B";
    seatIn(b.engine, "en-2")["channel"] = "ru";
    setLive(b.engine, "en-1", "en", false);
    setLive(b.engine, "kk-1", "ru");
    seatIn(b.engine, "kk-1")["channel"] = "ru";
    b.push();
    CHECK(b.model.engagedBy() == "kk-1");
}

TEST_CASE("The relay keys: floor and every channel the booth does not feed", "[booth][model]")
{
    Booth b;
    std::vector<std::string> ids;
    for (const auto* c : b.model.listenChannels())
        ids.push_back(c->id);
    CHECK(ids == std::vector<std::string>{"floor", "kk", "zh"}); // en and ru are the booth's own
    channelIn(b.engine, "kk")["depth"] = 2;
    channelIn(b.engine, "kk")["holder"] = "kk-1";
    b.push();
    CHECK(b.model.findChannel("kk")->depth == 2);
    CHECK(b.model.findChannel("kk")->live());
}

TEST_CASE("Refusals are explained on the refusal line, and cleared by going live", "[booth][model]")
{
    Booth b;
    CHECK(b.model.applyEvent({{"type", "mic-refused"},
                              {"seat", "en-2"},
                              {"channel", "en"},
                              {"reason", "interlock-in-booth"},
                              {"by", "en-1"}}) == changeRefusal);
    CHECK(b.model.refusal() == "Mic refused: en-1 is live in your booth (interlock)");
    b.model.applyEvent({{"type", "mic-refused"},
                        {"seat", "en-2"},
                        {"channel", "en"},
                        {"reason", "interlock-between-booths"},
                        {"by", "kk-1"}});
    CHECK(b.model.refusal().find("engaged by kk-1") != std::string::npos);
    // Somebody else's refusal is not ours.
    CHECK(b.model.applyEvent({{"type", "mic-refused"}, {"seat", "kk-1"}}) == changeNone);
    setLive(b.engine, "en-2", "en");
    b.push();
    CHECK(b.model.refusal().empty());
    CHECK(refusalLine({{"type", "mic-refused"}, {"channel", "en"}, {"reason", "no-partner-live"}})
              .find("no partner is live") != std::string::npos);
}

TEST_CASE("Warnings: limiter and exposure show from the state and the meters", "[booth][model]")
{
    Booth b;
    seatIn(b.engine, "en-2")["exposure_warning"] = true;
    seatIn(b.engine, "en-2")["leq_db_spl"] = 83.5;
    b.push();
    CHECK(b.model.seat()->exposureWarning);
    b.model.applyMeters({{"seats", {{"en-2", {{"phones_db", -12.0}, {"limiter_db", 4.5}}}}},
                         {"channels", {{"floor", {{"peak_db", -6.0}}}}}});
    CHECK(b.model.meterLimiterDb() == Approx(4.5));
    CHECK(b.model.floorPeakDb() == Approx(-6.0));
}

TEST_CASE("Handover negotiation through messages, ended by the engine's holder change",
          "[booth][model][handover]")
{
    Booth b;
    setLive(b.engine, "en-1", "en");
    b.push();
    CHECK(
        b.model.applyMessage(
            {{"id", 5}, {"from", "seat:en-1"}, {"to", "seat:en-2"}, {"kind", "handover-request"}}) &
        changeHandover);
    CHECK(b.model.handover().stage() == HandoverStage::offered);
    CHECK(b.model.handover().partner() == "en-1");
    // The same message again (messages.get after a reconnect) changes nothing.
    CHECK(b.model.applyMessage({{"id", 5}, {"from", "seat:en-1"}, {"kind", "handover-request"}}) ==
          changeNone);

    b.actions.acceptHandover();
    CHECK(b.model.handover().stage() == HandoverStage::agreed);

    b.clock += 1800.0;
    CHECK(b.model.turnSeconds() == Approx(1800.0));
    setLive(b.engine, "en-1", "en", false);
    setLive(b.engine, "en-2", "en");
    CHECK(b.push() & changeHandover);
    CHECK(b.model.handover().stage() == HandoverStage::none);
    CHECK(b.model.turnSeconds() == Approx(0.0)); // a new turn
}

TEST_CASE("Reconnecting changes nothing by itself: the model only reads", "[booth][model]")
{
    Booth b;
    setLive(b.engine, "en-2", "en");
    b.push();
    b.model.setConnection(false, "connection refused");
    CHECK_FALSE(b.model.connected());
    b.model.setConnection(true, "");
    b.push();
    CHECK(b.sink.calls.empty()); // not one call: the seat's state is the engine's
    CHECK(b.model.seat()->live);
}

TEST_CASE("Broken or partial state does not throw", "[booth][model]")
{
    BoothModel model;
    model.setSeat("en-2");
    CHECK_NOTHROW(model.applyState({{"revision", "x"}, {"channels", 3}}));
    CHECK_NOTHROW(model.applyState(nlohmann::json::array()));
    CHECK_FALSE(model.hasState());
    CHECK(model.listenChannels().empty());
}
