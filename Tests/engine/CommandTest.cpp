// The command words: every form parses, every mistake is refused with a reason.

#include "DeskFixture.h"

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("Every command form parses and describes itself back", "[command]")
{
    const Floorplan plan{deskSession()};
    for (const std::string text :
         {"seat en-1 mic on", "seat en-1 mic off", "seat en-1 cough on", "seat en-1 listen floor",
          "seat en-1 listen auto", "seat en-1 listen kk", "seat en-1 output B",
          "seat en-1 volume -6", "seat en-1 bass 3", "seat en-1 treble -3",
          "seat en-1 sidetone -20", "seat en-1 sidetone off", "seat en-2 handover",
          "floor language kk", "channel zh idle silence", "booth en interlock toggle-override",
          "interlock between override"})
    {
        auto parsed = parseCommand(text, plan);
        INFO(text);
        REQUIRE(parsed.ok());
        CHECK(describe(parsed.value(), plan) == text);
    }
}

TEST_CASE("Bad commands are refused with a reason", "[command]")
{
    const Floorplan plan{deskSession()};
    const std::pair<std::string, std::string> cases[] = {
        {"seat xx-1 mic on", "unknown seat 'xx-1'"},
        {"seat xx-1 handover", "unknown seat 'xx-1'"},
        {"seat en-1 mic maybe", "expected on or off"},
        {"seat en-1 listen fr", "expected floor, auto or a channel"},
        {"seat ru-1 output B", "booth ru has no output B"},
        {"seat en-1 output D", "expected output A, B or C"},
        {"seat en-1 volume 40", "from -60 to 12"},
        {"seat en-1 bass loud", "expected bass in dB"},
        {"seat en-1 volume nan", "expected volume in dB"},
        {"floor language English", "not a language code"},
        {"channel xx idle floor", "unknown channel 'xx'"},
        {"channel en idle sometimes", "expected idle floor or silence"},
        {"booth en interlock strict", "expected interlock mode"},
        {"interlock between", "expected 'interlock between MODE'"},
        {"monitor channel xx", "unknown channel 'xx' (floor, ru, en, kk, zh)"},
        {"monitor seat xx-1", "unknown seat 'xx-1'"},
        {"monitor mic xx-1", "unknown seat 'xx-1'"},
        {"monitor", "expected 'monitor off|floor' or 'monitor channel|seat|mic ID'"},
        {"monitor seat", "monitor seat needs an id"},
        {"monitor floor en", "monitor floor takes no id"},
        {"monitor booth en", "unknown monitor source 'booth'"},
        {"launch rockets", "unknown command 'launch'"},
        {"", "empty command"},
    };
    for (const auto& [text, reason] : cases)
    {
        auto parsed = parseCommand(text, plan);
        INFO(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK_THAT(parsed.error(), Catch::Contains(reason));
    }
}

TEST_CASE("Monitor sources: the command's encoding, the status int and the control API's words",
          "[command][monitor]")
{
    const Floorplan plan{deskSession()};
    for (const std::string text : {"monitor off", "monitor floor", "monitor channel kk",
                                   "monitor seat en-1", "monitor mic zh-1"})
    {
        auto round = parseCommand(text, plan);
        INFO(text);
        REQUIRE(round.ok());
        CHECK(describe(round.value(), plan) == text);
    }

    auto parsed = parseCommand("monitor seat en-2", plan);
    REQUIRE(parsed.ok());
    CHECK(parsed->kind == CommandKind::monitor);
    CHECK(parsed->target == static_cast<std::int16_t>(MonitorTarget::seat));
    CHECK(parsed->value == *plan.seatIndex("en-2"));

    // The floor is also channel:floor, as audio ports name it; it describes itself as floor.
    auto floor = parseCommand("monitor channel floor", plan);
    REQUIRE(floor.ok());
    CHECK(describe(floor.value(), plan) == "monitor floor");

    for (const std::string name : {"off", "floor", "channel:zh", "seat:kk-2", "mic:ru-1"})
    {
        INFO(name);
        auto source = parseMonitorSource(name, plan);
        REQUIRE(source.ok());
        CHECK(monitorSourceName(source.value(), plan) == name);
        CHECK(decodeMonitor(encodeMonitor(source.value())) == source.value());
    }
    auto unknown = parseMonitorSource("channel:fr", plan);
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.error(), Catch::Contains("unknown channel 'fr'"));
    CHECK(decodeMonitor(0) == MonitorSource{}); // a zeroed status reads as off
}

TEST_CASE("Event scripts: times in order, refused lines kept with their reason",
          "[command][script]")
{
    const Floorplan plan{deskSession()};
    auto script = parseEventScript(
        "# a meeting\n0.5 seat en-1 mic on\n\n1.0 seat zz mic on  # typo\n", "m.events", plan);
    REQUIRE(script.ok());
    REQUIRE(script->size() == 2);
    CHECK(script.value()[0].seconds == 0.5);
    CHECK(script.value()[0].refusal.empty());
    CHECK_THAT(script.value()[1].refusal,
               Catch::Contains("m.events:4:") && Catch::Contains("unknown seat"));

    auto backwards =
        parseEventScript("2 seat en-1 mic on\n1 seat en-1 mic off\n", "m.events", plan);
    REQUIRE_FALSE(backwards.ok());
    CHECK_THAT(backwards.error(), Catch::Contains("m.events:2:"));
    auto badTime = parseEventScript("soon seat en-1 mic on\n", "m.events", plan);
    REQUIRE_FALSE(badTime.ok());
    CHECK_THAT(badTime.error(), Catch::Contains("not a time"));
}
