// Session files: the shipped sessions load, and every invalid session is refused with one
// message `FILE:LINE: KEY: what is wrong` that points at the right line and key.

#include "core/SessionFile.h"
#include "core/SessionValidator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#ifndef DRAGOMAN_TEST_DATA_DIR
#error "DRAGOMAN_TEST_DATA_DIR must be set to <repo>/Tests"
#endif
#ifndef DRAGOMAN_ASSETS_DIR
#error "DRAGOMAN_ASSETS_DIR must be set to <repo>/Assets"
#endif

using namespace dragoman;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace
{

// A valid session whose line numbers the cases below refer to.
const std::vector<std::string> baseLines{
    /*  1 */ "name: Test",
    /*  2 */ "sample_rate: 48000",
    /*  3 */ "block_frames: 64",
    /*  4 */ "floor: { language: en }",
    /*  5 */ "channels:",
    /*  6 */ "  - { id: ru, language: ru, name: Russian }",
    /*  7 */ "  - { id: zh, language: zh, name: Chinese }",
    /*  8 */ "booths:",
    /*  9 */ "  - id: ru",
    /* 10 */ "    outputs: { A: ru }",
    /* 11 */ "    understands: [en, zh]",
    /* 12 */ "    interlock: interlock",
    /* 13 */ "    seats:",
    /* 14 */ "      - { id: ru-1, spl_at_0dbfs: 110 }",
    /* 15 */ "      - { id: ru-2 }",
    /* 16 */ "  - id: zh",
    /* 17 */ "    outputs: { A: zh, B: ru }",
    /* 18 */ "    understands: [zh, ru]",
    /* 19 */ "    seats: [zh-1, zh-2]",
    /* 20 */ "interlock_between_booths: interlock",
    /* 21 */ "pivots: { en: ru }",
    /* 22 */ "audio:",
    /* 23 */ "  host_api: JACK",
    /* 24 */ "  inputs: { floor: 1, ru-1: 2 }",
    /* 25 */ "  outputs: { ru-1: 1, channel:ru: 2 }",
};

// The base session with some lines replaced (1-based); "#" blanks a line but keeps the numbering.
std::string edited(const std::map<int, std::string>& replacements)
{
    std::string text;
    for (std::size_t i = 0; i < baseLines.size(); ++i)
    {
        const auto replacement = replacements.find(static_cast<int>(i) + 1);
        text += (replacement == replacements.end() ? baseLines[i] : replacement->second) + "\n";
    }
    return text;
}

std::string refusal(const std::string& yaml)
{
    const Result<Session> result = parseSession(yaml, "test.yaml");
    if (result.ok())
        return "(accepted)";
    return result.error();
}

struct BadCase
{
    const char* what;
    std::map<int, std::string> lines; // replacements in the base session
    int line;                         // where the refusal must point
    const char* key;
    const char* detail; // a fragment the message must contain
};

// clang-format off
const std::vector<BadCase> badCases{
    // Missing required keys
    {"missing name", {{1, "#"}}, 2, "name", "missing required key"},
    {"name without value", {{1, "name:"}}, 1, "name", "has no value"},
    {"missing floor.language", {{4, "floor: {}"}}, 4, "floor.language", "missing required key"},
    {"missing channels", {{5, "#"}, {6, "#"}, {7, "#"}}, 1, "channels", "missing required key"},
    {"missing booths", {{8, "#"}, {9, "#"}, {10, "#"}, {11, "#"}, {12, "#"}, {13, "#"}, {14, "#"},
                        {15, "#"}, {16, "#"}, {17, "#"}, {18, "#"}, {19, "#"}},
     1, "booths", "missing required key"},
    {"missing channel id", {{7, "  - { language: zh, name: Chinese }"}}, 7, "channels[1].id",
     "missing required key"},
    {"missing channel language", {{7, "  - { id: zh, name: Chinese }"}}, 7,
     "channels[1].language", "missing required key"},
    {"missing booth id", {{9, "  - outputs: { A: ru }"}, {10, "    understands: [en, zh]"},
                          {11, "#"}},
     9, "booths[0].id", "missing required key"},
    {"missing output A", {{17, "    outputs: { B: ru }"}}, 17, "booths[1].outputs.A",
     "missing required key"},
    {"missing seats", {{19, "#"}}, 16, "booths[1].seats", "missing required key"},
    {"missing seat id", {{15, "      - { spl_at_0dbfs: 100 }"}}, 15, "booths[0].seats[1].id",
     "missing required key"},

    // Unknown keys: typos must not pass silently
    {"misspelt booth key", {{12, "    interlok: interlock"}}, 12, "booths[0].interlok",
     "did you mean 'interlock'? allowed: id, outputs, understands, interlock, seats"},
    {"misspelt top-level key", {{2, "sample_rat: 48000"}}, 2, "sample_rat",
     "did you mean 'sample_rate'?"},
    {"unknown seat key", {{15, "      - { id: ru-2, volume: 3 }"}}, 15,
     "booths[0].seats[1].volume", "allowed: id, spl_at_0dbfs"},
    {"unknown audio key", {{23, "  host: JACK"}}, 23, "audio.host",
     "allowed: host_api, device, inputs, outputs"},
    {"output label D", {{17, "    outputs: { A: zh, D: ru }"}}, 17, "booths[1].outputs.D",
     "allowed: A, B, C"},
    {"key written twice", {{12, "    id: again"}}, 12, "booths[0].id", "written twice (first on line 9)"},

    // Wrong types
    {"sample rate as a word", {{2, "sample_rate: fast"}}, 2, "sample_rate",
     "expected a whole number, got 'fast'"},
    {"block frames in hex", {{3, "block_frames: 0x40"}}, 3, "block_frames",
     "expected a whole number"},
    {"channels as a map", {{5, "channels: { ru: Russian }"}, {6, "#"}, {7, "#"}}, 5, "channels",
     "expected a list"},
    {"understands as a word", {{11, "    understands: en"}}, 11, "booths[0].understands",
     "expected a list"},
    {"floor as a word", {{4, "floor: en"}}, 4, "floor", "expected a map"},
    {"channel id as a list", {{7, "  - { id: [zh], language: zh }"}}, 7, "channels[1].id",
     "expected a single value, got a list"},
    {"spl as a word", {{14, "      - { id: ru-1, spl_at_0dbfs: loud }"}}, 14,
     "booths[0].seats[0].spl_at_0dbfs", "expected a number"},
    {"device channel as a word", {{24, "  inputs: { floor: one, ru-1: 2 }"}}, 24,
     "audio.inputs.floor", "expected a whole number"},
    {"session is a list", {{1, "- name: Test"}, {2, "#"}, {3, "#"}, {4, "#"}, {5, "#"}, {6, "#"},
                           {7, "#"}, {8, "#"}, {9, "#"}, {10, "#"}, {11, "#"}, {12, "#"},
                           {13, "#"}, {14, "#"}, {15, "#"}, {16, "#"}, {17, "#"}, {18, "#"},
                           {19, "#"}, {20, "#"}, {21, "#"}, {22, "#"}, {23, "#"}, {24, "#"},
                           {25, "#"}},
     1, "session", "expected a map"},

    // Unknown references
    {"unknown channel in output B", {{17, "    outputs: { A: zh, B: xx }"}}, 17,
     "booths[1].outputs.B", "unknown channel 'xx' (channels: ru, zh)"},
    {"unknown channel in output A", {{10, "    outputs: { A: en }"}}, 10, "booths[0].outputs.A",
     "unknown channel 'en'"},
    {"floor as a booth output", {{10, "    outputs: { A: floor }"}}, 10, "booths[0].outputs.A",
     "the floor cannot be a booth output"},
    {"B output equal to A", {{17, "    outputs: { A: zh, B: zh }"}}, 17, "booths[1].outputs.B",
     "duplicate output channel 'zh'"},
    {"unknown pivot channel", {{21, "pivots: { en: xx }"}}, 21, "pivots.en",
     "unknown channel 'xx'"},
    {"unknown audio output channel", {{25, "  outputs: { ru-1: 1, channel:xx: 2 }"}}, 25,
     "audio.outputs.channel:xx", "unknown channel 'xx'"},
    {"unknown audio output seat", {{25, "  outputs: { ru-9: 1 }"}}, 25, "audio.outputs.ru-9",
     "unknown output 'ru-9' (outputs are seat headphones, channel:<id> or monitor)"},
    {"a seat called monitor", {{19, "    seats: [zh-1, monitor]"}}, 19, "booths[1].seats[1].id",
     "names the technician's monitor output"},
    {"the monitor as an input", {{24, "  inputs: { monitor: 1 }"}}, 24, "audio.inputs.monitor",
     "unknown input 'monitor'"},
    {"audio input that is a channel", {{24, "  inputs: { floor: 1, zh: 2 }"}}, 24,
     "audio.inputs.zh", "unknown input 'zh'"},

    // Duplicate and reserved ids
    {"duplicate channel id", {{7, "  - { id: ru, language: zh, name: Chinese }"}}, 7,
     "channels[1].id", "duplicate channel id 'ru' (also channels[0].id on line 6)"},
    {"duplicate booth id", {{16, "  - id: ru"}}, 16, "booths[1].id", "duplicate booth id 'ru'"},
    {"seat id twice in one booth", {{15, "      - { id: ru-1 }"}}, 15, "booths[0].seats[1].id",
     "duplicate seat id 'ru-1'"},
    {"seat id in two booths", {{19, "    seats: [zh-1, ru-2]"}}, 19, "booths[1].seats[1].id",
     "duplicate seat id 'ru-2' (also booths[0].seats[1].id on line 15)"},
    {"channel id floor", {{7, "  - { id: floor, language: zh, name: Chinese }"}}, 7,
     "channels[1].id", "reserved"},
    {"seat id floor", {{19, "    seats: [zh-1, floor]"}}, 19, "booths[1].seats[1].id",
     "reserved"},
    {"id with a space", {{7, "  - { id: z h, language: zh }"}}, 7, "channels[1].id",
     "not a valid id"},

    // Pivots
    {"pivot to itself", {{21, "pivots: { ru: ru }"}}, 21, "pivots.ru", "is itself in ru"},
    {"pivot key that is no language", {{21, "pivots: { English: ru }"}}, 21, "pivots.English",
     "not a language code"},
    {"pivot nobody can serve", {{21, "pivots: { fr: ru }"}}, 21, "pivots.fr",
     "no booth working into 'ru' understands fr"},

    // Numbers
    {"sample rate 22050", {{2, "sample_rate: 22050"}}, 2, "sample_rate",
     "must be 44100, 48000 or 96000, got 22050"},
    {"block frames not a power of two", {{3, "block_frames: 100"}}, 3, "block_frames",
     "power of two"},
    {"block frames too small", {{3, "block_frames: 8"}}, 3, "block_frames", "from 16 to 4096"},
    {"block frames too large", {{3, "block_frames: 8192"}}, 3, "block_frames", "from 16 to 4096"},
    {"spl too high", {{14, "      - { id: ru-1, spl_at_0dbfs: 140.5 }"}}, 14,
     "booths[0].seats[0].spl_at_0dbfs", "from 80 to 140 dB SPL, got 140.5"},
    {"spl too low", {{14, "      - { id: ru-1, spl_at_0dbfs: 79 }"}}, 14,
     "booths[0].seats[0].spl_at_0dbfs", "from 80 to 140"},
    {"device channel 0", {{24, "  inputs: { floor: 0, ru-1: 2 }"}}, 24, "audio.inputs.floor",
     "from 1 to 256, got 0"},
    {"device channel 257", {{25, "  outputs: { ru-1: 257 }"}}, 25, "audio.outputs.ru-1",
     "from 1 to 256, got 257"},
    {"input device channel twice", {{24, "  inputs: { floor: 1, ru-1: 1 }"}}, 24,
     "audio.inputs.ru-1", "duplicate device channel '1'"},
    {"output device channel twice", {{25, "  outputs: { ru-1: 2, channel:ru: 2 }"}}, 25,
     "audio.outputs.channel:ru", "duplicate device channel '2'"},

    // Words
    {"unknown interlock mode", {{12, "    interlock: mixed"}}, 12, "booths[0].interlock",
     "unknown interlock mode 'mixed' (none, interlock, override, toggle-override)"},
    {"unknown interlock between booths", {{20, "interlock_between_booths: toggle"}}, 20,
     "interlock_between_booths", "unknown interlock mode 'toggle'"},
    {"unknown idle feed", {{6, "  - { id: ru, language: ru, name: Russian, idle: mute }"}}, 6,
     "channels[0].idle", "unknown idle feed 'mute' (floor, silence)"},
    {"capitalised floor language", {{4, "floor: { language: EN }"}}, 4, "floor.language",
     "'EN' is not a language code"},
    {"language as a name", {{6, "  - { id: ru, language: russian }"}}, 6, "channels[0].language",
     "not a language code"},
    {"bad language in understands", {{11, "    understands: [en, Zh]"}}, 11,
     "booths[0].understands[1]", "'Zh' is not a language code"},

    // Empty collections
    {"booth with zero seats", {{19, "    seats: []"}}, 19, "booths[1].seats",
     "at least one seat"},
    {"zero booths", {{8, "booths: []"}, {9, "#"}, {10, "#"}, {11, "#"}, {12, "#"}, {13, "#"},
                     {14, "#"}, {15, "#"}, {16, "#"}, {17, "#"}, {18, "#"}, {19, "#"},
                     {24, "  inputs: { floor: 1 }"}, {25, "  outputs: { channel:ru: 2 }"}},
     8, "booths", "at least one booth"},
    {"zero channels", {{5, "channels: []"}, {6, "#"}, {7, "#"}}, 5, "channels",
     "at least one channel"},
};
// clang-format on

} // namespace

TEST_CASE("the base session of the refusal cases is valid")
{
    REQUIRE(refusal(edited({})) == "(accepted)");
}

TEST_CASE("every invalid session is refused with file, line and key")
{
    for (const BadCase& bad : badCases)
    {
        DYNAMIC_SECTION(bad.what)
        {
            const std::string message = refusal(edited(bad.lines));
            const std::string where =
                "test.yaml:" + std::to_string(bad.line) + ": " + bad.key + ": ";
            CHECK_THAT(message, StartsWith(where));
            CHECK_THAT(message, Contains(bad.detail));
            CHECK(message.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("YAML syntax errors point at the line yaml-cpp found them on")
{
    const std::string message = refusal(edited({{11, "    understands: [en, zh}"}}));
    CHECK_THAT(message, StartsWith("test.yaml:11: syntax error: "));
    CHECK_THAT(message, Contains("column"));

    CHECK_THAT(refusal("name: a\n\tfloor: b\n"), StartsWith("test.yaml:2: syntax error: "));
}

TEST_CASE("empty and multi-document files are refused")
{
    CHECK_THAT(refusal(""), StartsWith("test.yaml: session: the file holds no session"));
    CHECK_THAT(refusal("# only a comment\n"), Contains("the file holds no session"));
    CHECK_THAT(refusal(edited({}) + "---\nname: second\n"),
               StartsWith("test.yaml:27: session: a session file holds one YAML document"));
}

TEST_CASE("what the session format allows on purpose")
{
    SECTION("two booths whose A output is the same channel share it")
    {
        const auto result = parseSession(edited({{17, "    outputs: { A: ru }"}}), "test.yaml");
        REQUIRE(result.ok());
        CHECK(result->booths[0].outputs[0].channel == result->booths[1].outputs[0].channel);
    }
    SECTION("a seat id may equal a channel id")
    {
        const auto result = parseSession(edited({{19, "    seats: [zh, ru]"}}), "test.yaml");
        REQUIRE(result.ok());
        CHECK(result->booths[1].seats[1].id == "ru");
    }
    SECTION("language codes with a subtag")
    {
        const auto result = parseSession(
            edited({{7, "  - { id: zh, language: zh-hans, name: Chinese }"}}), "test.yaml");
        REQUIRE(result.ok());
        CHECK(result->channels[1].language == "zh-hans");
    }
    SECTION("the technician's monitor as an audio output")
    {
        const auto result = parseSession(
            edited({{25, "  outputs: { ru-1: 1, channel:ru: 2, monitor: 3 }"}}), "test.yaml");
        REQUIRE(result.ok());
        CHECK(result->audio.outputs[2].endpoint == "monitor");
    }
    SECTION("the same device channel number for an input and an output")
    {
        CHECK(parseSession(edited({{25, "  outputs: { ru-1: 1 }"}}), "test.yaml").ok());
    }
    SECTION("optional sections written without a value")
    {
        const auto result =
            parseSession(edited({{21, "pivots:"}, {22, "audio:"}, {23, "#"}, {24, "#"}, {25, "#"}}),
                         "test.yaml");
        REQUIRE(result.ok());
        CHECK(result->pivots.empty());
        CHECK(result->audio.hostApi == "JACK");
    }
}

TEST_CASE("defaults and optional keys are read into the model")
{
    const auto result = parseSession(edited({{6, "  - { id: ru, language: ru, idle: silence }"},
                                             {12, "    interlock: toggle-override"},
                                             {20, "#"},
                                             {23, "  device: system"}}),
                                     "test.yaml");
    REQUIRE(result.ok());
    const Session& session = result.value();
    CHECK(session.name == "Test");
    CHECK(session.sampleRate == 48000);
    CHECK(session.blockFrames == 64);
    CHECK(session.floorLanguage == "en");
    CHECK(session.channels[0].name == "ru"); // no name: delegates see the id
    CHECK(session.channels[0].idle == IdleFeed::silence);
    CHECK(session.channels[1].idle == IdleFeed::floor);
    CHECK(session.booths[0].interlock == InterlockMode::toggleOverride);
    CHECK(session.booths[1].interlock == InterlockMode::interlock);
    CHECK(session.interlockBetweenBooths == InterlockMode::interlock);
    CHECK(session.booths[0].seats[0].splAt0dBFS == 110.0);
    CHECK(session.booths[0].seats[1].splAt0dBFS == 110.0);
    REQUIRE(session.booths[1].outputs.size() == 2);
    CHECK(session.booths[1].outputs[1].label == 'B');
    CHECK(session.booths[1].outputs[1].channel == "ru");
    CHECK(session.audio.hostApi == "JACK");
    CHECK(session.audio.device == "system");
    REQUIRE(session.audio.outputs.size() == 2);
    CHECK(session.audio.outputs[1].endpoint == "channel:ru");
    CHECK(session.audio.outputs[1].deviceChannel == 2);
}

TEST_CASE("astana.yaml: the SCO summit session")
{
    const auto result = loadSessionFile(DRAGOMAN_ASSETS_DIR "/sessions/astana.yaml");
    INFO((result.ok() ? std::string() : result.error()));
    REQUIRE(result.ok());
    const Session& session = result.value();

    CHECK(session.floorLanguage == "ru");
    CHECK(session.sampleRate == 48000);
    REQUIRE(session.channels.size() == 11);
    CHECK(session.booths.size() == 11);
    std::size_t seats = 0;
    for (const auto& booth : session.booths)
    {
        CHECK(booth.seats.size() >= 2);
        CHECK(booth.seats.size() <= 3);
        CHECK(booth.interlock == InterlockMode::interlock);
        seats += booth.seats.size();
    }
    CHECK(seats == 30);
    CHECK(session.interlockBetweenBooths == InterlockMode::interlock);
    CHECK_THAT(session.channels[1].name, Contains("中文"));

    std::map<std::string, std::string> pivots;
    for (const auto& pivot : session.pivots)
        pivots[pivot.floorLanguage] = pivot.channel;
    CHECK(pivots == std::map<std::string, std::string>{{"zh", "ru"},
                                                       {"kk", "ru"},
                                                       {"uz", "ru"},
                                                       {"ky", "ru"},
                                                       {"tg", "ru"},
                                                       {"be", "ru"},
                                                       {"hi", "en"},
                                                       {"ur", "en"},
                                                       {"fa", "en"}});

    // Every booth can follow every relay it may be sent to: it understands the pivot channel's
    // language, or works into that channel itself.
    for (const auto& booth : session.booths)
        for (const auto& [language, channel] : pivots)
        {
            const bool worksInto = std::any_of(booth.outputs.begin(), booth.outputs.end(),
                                               [&](const auto& o) { return o.channel == channel; });
            const bool follows = std::find(booth.understands.begin(), booth.understands.end(),
                                           channel) != booth.understands.end();
            INFO("booth " << booth.id << " relaying " << language << " from " << channel);
            CHECK((worksInto || follows));
        }

    // Audio: floor + 30 microphones in, 30 headphones + floor + 11 channels + the technician's
    // monitor out, no gaps.
    CHECK(session.audio.hostApi == "JACK");
    REQUIRE(session.audio.inputs.size() == 31);
    REQUIRE(session.audio.outputs.size() == 43);
    CHECK(session.audio.inputs[0].endpoint == "floor");
    CHECK(session.audio.inputs[0].deviceChannel == 1);
    for (std::size_t i = 0; i < session.audio.outputs.size(); ++i)
        CHECK(session.audio.outputs[i].deviceChannel == static_cast<int>(i) + 1);
    CHECK(session.audio.outputs[30].endpoint == "channel:floor");
    CHECK(session.audio.outputs[41].endpoint == "channel:be");
    CHECK(session.audio.outputs[42].endpoint == "monitor");
}

TEST_CASE("minimal.yaml: the small session for tests")
{
    const auto result = loadSessionFile(DRAGOMAN_ASSETS_DIR "/sessions/minimal.yaml");
    INFO((result.ok() ? std::string() : result.error()));
    REQUIRE(result.ok());
    CHECK(result->floorLanguage == "en");
    REQUIRE(result->channels.size() == 2);
    CHECK(result->channels[0].id == "ru");
    CHECK(result->channels[1].id == "zh");
    REQUIRE(result->booths.size() == 2);
    CHECK(result->booths[0].seats.size() == 2);
    CHECK(result->booths[1].seats.size() == 2);
    REQUIRE(result->pivots.size() == 1);
    CHECK(result->pivots[0].floorLanguage == "en");
    CHECK(result->pivots[0].channel == "ru");
}

TEST_CASE("bad session files are refused with their path, line and key")
{
    const std::string dir = DRAGOMAN_TEST_DATA_DIR "/core/sessions/";
    const auto refusedFile = [&dir](const std::string& file)
    {
        const auto result = loadSessionFile(dir + file);
        return result.ok() ? std::string("(accepted)") : result.error();
    };
    CHECK_THAT(refusedFile("dup-seat.yaml"),
               StartsWith(dir + "dup-seat.yaml:15: booths[1].seats[1].id: duplicate seat id "
                                "'ru-2' (also booths[0].seats[1].id on line 11)"));
    CHECK_THAT(refusedFile("typo-key.yaml"),
               StartsWith(dir + "typo-key.yaml:9: booths[0].interlok: unknown key 'interlok'"));
    CHECK_THAT(refusedFile("syntax-error.yaml"),
               StartsWith(dir + "syntax-error.yaml:7: syntax error: "));
    CHECK(refusedFile("unknown-output.yaml") ==
          dir + "unknown-output.yaml:13: booths[1].outputs.B: unknown channel 'xx' (channels: "
                "ru, kk)");
}

TEST_CASE("a missing session file or a directory is a clear error, not an exception")
{
    const std::string missing = DRAGOMAN_TEST_DATA_DIR "/core/sessions/no-such-session.yaml";
    const auto result = loadSessionFile(missing);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error() == missing + ": cannot open session file: no such file");

    const auto directory = loadSessionFile(DRAGOMAN_TEST_DATA_DIR "/core/sessions");
    REQUIRE_FALSE(directory.ok());
    CHECK_THAT(directory.error(), Contains("it is a directory"));
}

TEST_CASE("validateSession checks sessions built in code")
{
    Session session;
    session.name = "Built in code";
    session.floorLanguage = "en";
    session.channels.push_back({"ru", "ru", "Russian"});
    BoothSpec booth;
    booth.id = "ru";
    booth.outputs.push_back({'A', "ru"});
    booth.seats.push_back({"ru-1"});
    session.booths.push_back(booth);
    const SessionSource source("console");
    CHECK_FALSE(validateSession(session, source).has_value());

    session.booths[0].outputs[0].channel = "xx";
    const auto error = validateSession(session, source);
    REQUIRE(error.has_value());
    CHECK(error->message == "console: booths[0].outputs.A: unknown channel 'xx' (channels: ru)");
}

TEST_CASE("language codes and ids")
{
    for (const char* good : {"en", "kk", "fil", "zh-hans", "sr-latn", "de-ch"})
        CHECK(isLanguageCode(good));
    for (const char* bad : {"", "e", "english", "EN", "en-", "-en", "en_US", "zh-hans-cn", "e1"})
        CHECK_FALSE(isLanguageCode(bad));
    for (const char* good : {"en", "en-1", "Booth_2"})
        CHECK(isId(good));
    for (const char* bad : {"", "en 1", "channel:en", "a.b", "ru[0]"})
        CHECK_FALSE(isId(bad));
}
