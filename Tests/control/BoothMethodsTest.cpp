// What the booth console needs from the control API: seat.handover for the seat's own seat,
// handover-request / handover-accept messages between partners of one booth, and the floor's
// quality in the state and the meters.

#include "ControlFixture.h"

using namespace dragoman;
using namespace dragoman::control;
using namespace dragoman::control::test;

TEST_CASE("seat.handover: the seat's own, atomic in the engine", "[control][rpc][handover]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    auto ru1 = rig.client("seat-ru-1-token");
    REQUIRE(rig.call(tech, "seat.mic", {{"seat", "ru-2"}, {"on", true}}).contains("result"));
    rig.runBlock();

    // Another seat's handover is not ru-1's to call.
    CHECK(errorCode(rig.call(ru1, "seat.handover", {{"seat", "ru-2"}})) == rpc::kForbidden);
    const auto queued = rig.call(ru1, "seat.handover", {{"seat", "ru-1"}});
    REQUIRE(queued.contains("result"));
    CHECK(queued["result"]["command"] == "seat ru-1 handover");
    rig.runBlock();
    const auto state = rig.call(tech, "state.get")["result"];
    CHECK(state["seats"][0]["id"] == "ru-1");
    CHECK(state["seats"][0]["live"] == true);
    CHECK(state["seats"][1]["live"] == false);
    CHECK(state["channels"][1]["holders"] == 1);
    CHECK(errorCode(rig.call(ru1, "seat.handover", nlohmann::json::object())) ==
          rpc::kInvalidParams);
}

TEST_CASE("Handover messages go between partners of one booth only", "[control][rpc][messages]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    auto ru1 = rig.client("seat-ru-1-token");
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "seat:ru-2"}, {"kind", "handover-request"}})) == 0);
    CHECK(errorCode(
              rig.call(ru1, "messages.send",
                       {{"to", "seat:ru-2"}, {"kind", "text"}, {"text", "5 more minutes"}})) == 0);
    // Not across booths, not to the technician, not to oneself.
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "seat:zh-1"}, {"kind", "handover-request"}})) ==
          rpc::kForbidden);
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "technician"}, {"kind", "handover-accept"}})) ==
          rpc::kForbidden);
    CHECK(errorCode(rig.call(ru1, "messages.send",
                             {{"to", "seat:ru-1"}, {"kind", "handover-request"}})) ==
          rpc::kForbidden);
    const auto all = rig.call(tech, "messages.get")["result"]["messages"];
    REQUIRE(all.size() == 2);
    CHECK(all[0]["from"] == "seat:ru-1"); // a handover is never anonymous
    CHECK(all[0]["to"] == "seat:ru-2");
    CHECK(all[0]["kind"] == "handover-request");
}

TEST_CASE("The floor's quality is in the state and the meters", "[control][state]")
{
    DispatcherRig rig;
    rig.runBlock();
    const auto state = rig.stateJson.state({});
    REQUIRE(state.contains("floor_quality"));
    for (const char* key : {"level_db", "clipping", "bandwidth_hz"})
        CHECK(state["floor_quality"].contains(key));
    CHECK(state["floor_quality"]["clipping"] == false);
    CHECK(rig.stateJson.meters(0.5).contains("floor_quality"));
}
