// The MIDI desk's buttons and the command line.

#include "model/BoothOptions.h"
#include "model/MidiMap.h"

#include <catch2/catch.hpp>

using namespace dragoman::booth;

TEST_CASE("Default MIDI map: notes 60, 61, 62 on any channel", "[booth][midi]")
{
    MidiMap map;
    auto press = map.translate(0x93, 60, 100);
    REQUIRE(press);
    CHECK(press->key == MidiKey::mic);
    CHECK(press->down);
    press = map.translate(0x83, 61, 0);
    REQUIRE(press);
    CHECK(press->key == MidiKey::cough);
    CHECK_FALSE(press->down);
    press = map.translate(0x90, 62, 0); // note-on velocity 0 = release
    REQUIRE(press);
    CHECK_FALSE(press->down);
    CHECK_FALSE(map.translate(0x90, 70, 100));
    CHECK_FALSE(map.translate(0xe0, 60, 100)); // pitch bend
}

TEST_CASE("The MIDI map option binds notes and control changes", "[booth][midi]")
{
    auto map = MidiMap::parse("mic=note:36,cough=cc:64,handover=note:38");
    REQUIRE(map);
    CHECK(map->translate(0x90, 36, 1)->key == MidiKey::mic);
    const auto pedal = map->translate(0xb0, 64, 127);
    REQUIRE(pedal);
    CHECK(pedal->key == MidiKey::cough);
    CHECK(pedal->down);
    CHECK_FALSE(map->translate(0xb0, 64, 0)->down);
    CHECK_FALSE(MidiMap::parse("mic=note:200"));
    CHECK_FALSE(MidiMap::parse("talk=note:1"));
    CHECK_FALSE(MidiMap::parse("mic=pc:1"));
}

TEST_CASE("Raw MIDI bytes: running status and real-time bytes between", "[booth][midi]")
{
    MidiByteParser parser;
    const std::uint8_t bytes[] = {0x90, 60, 0xf8, 100, 61, 0, 0xfe, 0xb0, 64, 127};
    std::vector<std::array<int, 3>> messages;
    for (auto b : bytes)
        if (parser.feed(b))
            messages.push_back({parser.status, parser.data1, parser.data2});
    REQUIRE(messages.size() == 3);
    CHECK(messages[0] == std::array<int, 3>{0x90, 60, 100});
    CHECK(messages[1] == std::array<int, 3>{0x90, 61, 0});
    CHECK(messages[2] == std::array<int, 3>{0xb0, 64, 127});
}

TEST_CASE("Command line", "[booth][options]")
{
    auto options =
        parseBoothOptions({"--url", "ws://10.0.0.2:7700/rpc", "--token", "seat-en1", "--size",
                           "1280x720", "--screenshot", "idle.png", "--midi-map", "mic=note:40"});
    REQUIRE(options);
    CHECK(options->url == "ws://10.0.0.2:7700/rpc");
    CHECK(options->token == "seat-en1");
    CHECK(options->width == 1280);
    CHECK(options->height == 720);
    CHECK(options->screenshot == "idle.png");
    CHECK(options->midiMap.binding(MidiKey::mic).number == 40);
    CHECK(parseBoothOptions({})->width == 1024);
    CHECK_FALSE(parseBoothOptions({"--size", "big"}));
    CHECK_FALSE(parseBoothOptions({"--token"}));
    CHECK_FALSE(parseBoothOptions({"--bogus"}));
}
