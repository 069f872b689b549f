#include "ControlFixture.h"

#include "core/SessionFile.h"

#include <fstream>

using namespace dragoman;
using namespace dragoman::control;
using namespace dragoman::control::test;

TEST_CASE("TokenTable: a tokens file and its refusals", "[control][tokens]")
{
    const Floorplan plan(testSession());
    const auto parsed = TokenTable::parse(R"(
- { token: "tech-0123456789", role: technician, name: "Chief" }
- { token: "seat-ru-1-abcdef", role: "seat:ru-1" }
- { token: "view-0123456789", role: viewer }
)",
                                          "tokens.yaml");
    REQUIRE(parsed.ok());
    REQUIRE(parsed->size() == 3);

    const auto refused = [](const char* text)
    {
        const auto result = TokenTable::parse(text, "tokens.yaml");
        REQUIRE_FALSE(result.ok());
        return result.error();
    };
    CHECK(refused("- { token: short, role: viewer }") ==
          "tokens.yaml:1: tokens[0].token: a token needs at least 8 characters (a guessable "
          "token is no lock)");
    CHECK(refused("- { token: longenough1, role: admin }") ==
          "tokens.yaml:1: tokens[0].role: expected technician, viewer or seat:ID, got 'admin'");
    CHECK(refused("\n- { token: longenough1, role: viewer, colour: red }") ==
          "tokens.yaml:2: tokens[0].colour: unknown key 'colour' (allowed: token, role, name)");
    CHECK(refused("- { token: longenough1, role: viewer }\n- { token: longenough1, role: "
                  "technician }") ==
          "tokens.yaml:2: tokens[1].token: the same token is listed twice");
    CHECK(refused("token: x") ==
          "tokens.yaml:1: tokens: expected a list such as [{ token: \"...\", role: technician, "
          "name: Chief }]");
    CHECK_THAT(refused("- { token: [unclosed"), Catch::StartsWith("tokens.yaml:"));

    const auto table = TokenTable::load(parsed.value(), {}, plan);
    REQUIRE(table.ok());
    const auto seat = table->find("seat-ru-1-abcdef");
    REQUIRE(seat);
    CHECK(seat->role() == "seat:ru-1");
    CHECK(seat->seat == 0);
    CHECK_FALSE(table->find("seat-ru-1-abcde"));
    CHECK_FALSE(table->find(""));

    const auto unknownSeat = TokenTable::load({{"longenough1", "seat:xx-1", ""}}, {}, plan);
    REQUIRE_FALSE(unknownSeat.ok());
    CHECK(unknownSeat.error() == "control tokens: role 'seat:xx-1' names no seat of this session");
    const auto missing = TokenTable::load({}, "/nonexistent/tokens.yaml", plan);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error() == "/nonexistent/tokens.yaml: cannot read the tokens file");
}

TEST_CASE("Session file: the control section", "[control][session]")
{
    const std::string base = kSessionYaml;
    const auto session = parseSession(base + R"(control:
  listen: 127.0.0.1:7700
  tcp: 127.0.0.1:7701
  tokens_file: astana.tokens.yaml
  tokens:
    - { token: "inline-token-1", role: technician }
  tls: { certificate: cert.pem, key: key.pem }
)",
                                      "s.yaml");
    REQUIRE(session.ok());
    REQUIRE(session->control);
    CHECK(session->control->listen->port == 7700);
    CHECK(session->control->tcp->host == "127.0.0.1");
    CHECK(session->control->tokensFile == "astana.tokens.yaml");
    CHECK(session->control->tokens.size() == 1);
    CHECK(session->control->presetsDir == "presets");
    CHECK(session->control->tlsKey == "key.pem");

    const auto refused = [&](const std::string& section)
    {
        const auto result = parseSession(base + section, "s.yaml");
        REQUIRE_FALSE(result.ok());
        return result.error();
    };
    CHECK(refused("control:\n  listen: 7700\n") ==
          "s.yaml:20: control.listen: expected HOST:PORT such as '127.0.0.1:7700', got '7700'");
    CHECK(refused("control:\n  listen: 127.0.0.1:7700\n  port: 1\n") ==
          "s.yaml:21: control.port: unknown key 'port' (allowed: listen, tcp, tokens_file, "
          "tokens, presets_dir, tls)");
    CHECK(refused("control:\n  tokens_file: t.yaml\n") ==
          "s.yaml:20: control: needs listen: HOST:PORT, tcp: HOST:PORT or both");
    CHECK(refused("control:\n  listen: 127.0.0.1:7700\n  tls: { certificate: c.pem }\n") ==
          "s.yaml:21: control.tls: needs both certificate and key");
}

TEST_CASE("PresetStore: save and load round trip, never a microphone", "[control][presets]")
{
    DispatcherRig rig;
    auto tech = rig.client("tech-token-1");
    for (const auto& [method, params] : std::vector<std::pair<std::string, nlohmann::json>>{
             {"seat.listen", {{"seat", "ru-2"}, {"source", "zh"}}},
             {"seat.output", {{"seat", "zh-1"}, {"output", "B"}}},
             {"seat.treble", {{"seat", "zh-1"}, {"db", 4.5}}},
             {"seat.sidetone", {{"seat", "ru-1"}, {"db", -20}}},
             {"channel.idle", {{"channel", "ru"}, {"idle", "silence"}}},
             {"booth.interlock", {{"booth", "zh"}, {"mode", "toggle-override"}}},
             {"floor.language", {{"language", "ru"}}},
             {"seat.mic", {{"seat", "ru-1"}, {"on", true}}}})
        REQUIRE(errorCode(rig.call(tech, method, params)) == 0);
    rig.runBlock();
    const auto settings = PresetStore::settingsOf(rig.engine, rig.mirror);
    const auto saved = rig.presets.save("plenary", settings, "2026-11-28T13:20:01Z");
    REQUIRE(saved.ok());
    const auto loaded = rig.presets.load("plenary", rig.engine.floorplan());
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == settings);
    for (const auto& line : loaded.value())
        CHECK_THAT(line, !Catch::Contains(" mic ") && !Catch::Contains(" cough "));
    CHECK_THAT(settings, Catch::VectorContains(std::string("seat ru-2 listen zh")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("seat zh-1 output B")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("seat zh-1 treble 4.5")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("seat ru-1 sidetone -20")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("seat zh-2 sidetone off")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("channel ru idle silence")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("booth zh interlock toggle-override")));
    CHECK_THAT(settings, Catch::VectorContains(std::string("floor language ru")));

    const auto list = rig.presets.list();
    REQUIRE(list.ok());
    REQUIRE(list->size() == 1);
    CHECK(list->front().savedAt == "2026-11-28T13:20:01Z");

    // A hand-edited preset that switches a microphone on is refused, with its line.
    {
        std::ofstream out(rig.presets.directory() / "sneaky.yaml");
        out << "name: sneaky\ncommands:\n  - seat ru-2 volume -3\n  - seat ru-2 mic on\n";
    }
    const auto sneaky = rig.presets.load("sneaky", rig.engine.floorplan());
    REQUIRE_FALSE(sneaky.ok());
    CHECK_THAT(sneaky.error(), Catch::EndsWith("sneaky.yaml:4: 'seat ru-2 mic on': a preset "
                                               "never switches microphones"));
    {
        std::ofstream out(rig.presets.directory() / "typo.yaml");
        out << "commands:\n  - seat ru-2 volum -3\n";
    }
    const auto typo = rig.presets.load("typo", rig.engine.floorplan());
    REQUIRE_FALSE(typo.ok());
    CHECK_THAT(typo.error(),
               Catch::Contains("typo.yaml:2: 'seat ru-2 volum -3': unknown seat control"));
}
