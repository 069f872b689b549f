// Channel strips, relay graph, alarms, log and keys, from the recorded Astana state.
#include "ConsoleFixture.h"

#include "ui/widgets/Theme.h"
#include "views/ConsolePanel.h"

#include <catch2/catch.hpp>

using namespace dragoman::console;
using namespace dragoman::console::test;

TEST_CASE("Strips show holder, depth, listeners and loudness", "[console][strips]")
{
    AstanaConsole console;
    ChannelStrips strips(console.model, console.actions);
    strips.setSize(440, 700);
    strips.update();
    REQUIRE(strips.stripCount() == 12);
    const auto* en = strips.strip("en");
    REQUIRE(en != nullptr);
    CHECK(en->holderText() == "en-2");
    CHECK(en->depthText() == "direct");
    CHECK(en->listenersText() == "52");
    CHECK(en->loudnessText() == "-22.0 LUFS");
    CHECK(en->idleText() == "idle floor");
    CHECK(strips.strip("fa")->depthText() == "+ relay");
    CHECK(strips.strip("tg")->depthText() == "double relay");
    CHECK(strips.strip("be")->holderText() == "silence");
    CHECK(strips.strip("ky")->holderText() == "idle: floor");
    CHECK(strips.strip("ru")->holderText() == "pass-through");

    // A new state moves the channel to another seat.
    auto state = loadJson("astana_state.json");
    for (auto& channel : state["channels"])
        if (channel["id"] == "en")
            channel["holder"] = "en-3";
    console.model.applyState(state);
    strips.update();
    CHECK(strips.strip("en")->holderText() == "en-3");
}

TEST_CASE("Strips keep the native names and draw them", "[console][strips][names]")
{
    AstanaConsole console;
    ChannelStrips strips(console.model, console.actions);
    strips.setSize(440, 700);
    strips.update();
    CHECK(strips.strip("zh")->nameText() == juce::String::fromUTF8("Chinese 中文"));
    CHECK(strips.strip("hi")->nameText() == juce::String::fromUTF8("Hindi हिन्दी"));
    CHECK(strips.strip("ur")->nameText() == juce::String::fromUTF8("Urdu اردو"));

    // The Han characters are ink after "Chinese", not an empty gap: count lit pixels in the
    // name's column with and without them.
    const auto inkOf = [&](const char* name)
    {
        auto state = loadJson("astana_state.json");
        for (auto& channel : state["channels"])
            if (channel["id"] == "zh")
                channel["name"] = name;
        console.model.applyState(state);
        strips.update();
        const auto at = strips.strip("zh")->getPosition();
        const auto image = strips.createComponentSnapshot(strips.getLocalBounds());
        int ink = 0;
        for (int y = 5; y < 27; ++y)
            for (int x = 60; x < 60 + ChannelStrip::kNameWidth; ++x)
                ink += image.getPixelAt(at.x + x, at.y + y).getBrightness() > 0.45f ? 1 : 0;
        return ink;
    };
    CHECK(inkOf("Chinese 中文") > inkOf("Chinese") + 20);
}

TEST_CASE("The relay graph draws a cycle and a double relay red", "[console][relay]")
{
    AstanaConsole console;
    RelayGraphView relay(console.model);
    relay.setSize(440, 700);
    relay.update();
    CHECK(relay.nodeColour("tg") == dragoman::ui::colours::fault);
    CHECK(relay.nodeColour("en") == dragoman::ui::colours::direct);
    CHECK(relay.nodeBounds("floor").getX() < relay.nodeBounds("en").getX());
    CHECK(relay.nodeBounds("en").getX() < relay.nodeBounds("fa").getX());

    auto state = loadJson("astana_state.json");
    for (auto& channel : state["channels"])
        if (channel["id"] == "en" || channel["id"] == "kk")
        {
            channel["depth"] = -2;
            channel["source"] = channel["id"] == "en" ? "kk" : "en";
        }
    state["relay"]["cycle"] = true;
    state["relay"]["cycle_path"] = {"en", "kk"};
    console.model.applyState(state);
    relay.update();
    CHECK(relay.nodeColour("en") == dragoman::ui::colours::fault);
    CHECK(relay.nodeColour("kk") == dragoman::ui::colours::fault);
    CHECK(relay.nodeColour("zh") == dragoman::ui::colours::direct);

    // And the red is in the picture, not just in the colour function.
    const auto image = relay.createComponentSnapshot(relay.getLocalBounds());
    const auto box = relay.nodeBounds("kk").toNearestInt();
    const auto edge = image.getPixelAt(box.getX() + box.getWidth() / 2, box.getY() + 1);
    CHECK(edge.getRed() > 200);
    CHECK(edge.getGreen() < 140);
}

TEST_CASE("Every arc of a relay cycle stays inside the view", "[console][relay]")
{
    AstanaConsole console;
    RelayGraphView relay(console.model);
    relay.setSize(426, 680); // the tab's size at 1280x800
    // ky and be listen to each other, as in the screenshot meeting: the cycle is the last column.
    auto state = loadJson("astana_state.json");
    for (auto& channel : state["channels"])
        if (channel["id"] == "ky" || channel["id"] == "be")
        {
            channel["depth"] = -2;
            channel["holder"] = channel["id"] == "ky" ? "ky-1" : "be-2";
            channel["source"] = channel["id"] == "ky" ? "be" : "ky";
        }
    state["relay"]["cycle"] = true;
    state["relay"]["cycle_path"] = {"ky", "be"};
    state["relay"]["edges"].push_back({{"from", "be"}, {"to", "ky"}});
    state["relay"]["edges"].push_back({{"from", "ky"}, {"to", "be"}});
    console.model.applyState(state);
    relay.update();
    REQUIRE(relay.nodeColour("ky") == dragoman::ui::colours::fault);

    // Nothing but the background within the margin along every edge.
    const auto image = relay.createComponentSnapshot(relay.getLocalBounds());
    const int margin = static_cast<int>(RelayGraphView::kMargin) - 2;
    const auto background = dragoman::ui::colours::panel;
    int drawn = 0;
    for (int y = 0; y < image.getHeight(); ++y)
        for (int x = 0; x < image.getWidth(); ++x)
        {
            const bool edge = x < margin || y < margin || x >= image.getWidth() - margin ||
                              y >= image.getHeight() - margin;
            if (edge && image.getPixelAt(x, y) != background)
                ++drawn;
        }
    CHECK(drawn == 0);
    // And the arcs are there: red beside the cycle's boxes, right of the column.
    const auto ky = relay.nodeBounds("ky");
    const auto be = relay.nodeBounds("be");
    int red = 0;
    for (int x = static_cast<int>(ky.getRight()) + 2; x < image.getWidth() - margin; ++x)
        for (int y = static_cast<int>(ky.getCentreY()); y < static_cast<int>(be.getCentreY()); ++y)
            red += image.getPixelAt(x, y).getRed() > 200 ? 1 : 0;
    CHECK(red > 10);
}

TEST_CASE("A long host API name is shortened; CPU, xruns and uptime stay whole", "[console][bar]")
{
    AstanaConsole console;
    auto state = loadJson("astana_state.json");
    state["engine"]["host_api"] = "JACK Audio Connection Kit (jackd2 1.9.21, dummy driver, 48 kHz)";
    console.model.applyState(state);
    ConnectionBar bar(console.model, console.actions, "ws://127.0.0.1:41349/rpc");
    bar.setSize(1280 - 12, ConnectionBar::kHeight);
    bar.update();
    const auto font = dragoman::ui::Theme::font(13.0f);
    const auto host = bar.hostApiBounds();
    CHECK(host.getWidth() > 40);
    CHECK(host.getWidth() < font.getStringWidth(state["engine"]["host_api"].get<std::string>()));
    // Right of the host API: CPU, xruns, uptime and clients, whole, before the alarm badge.
    const int numbers = font.getStringWidth("CPU 8 %   xruns 0   up 1:02:05   clients 2");
    CHECK(host.getRight() + numbers <= bar.getWidth() - 110 - 10);
    CHECK(bar.healthText().contains("up 1:02:05"));
}

TEST_CASE("Ack on an alarm sends alarms.ack with its id", "[console][alarms]")
{
    AstanaConsole console;
    AlarmList alarms(console.model, console.actions);
    alarms.setSize(440, 400);
    alarms.update();
    REQUIRE(alarms.rows() == 2);
    // Row 0 is the alarm nobody acknowledged (id 3); row 1 was acknowledged: no button.
    CHECK(alarms.ackBounds(1).isEmpty());
    click(alarms, alarms.ackBounds(0).getCentre());
    REQUIRE(console.sink.calls.size() == 1);
    CHECK(console.sink.calls[0].method == "alarms.ack");
    CHECK(console.sink.calls[0].params == nlohmann::json{{"id", 3}});
    CHECK(alarms.acknowledgeOldest());
    CHECK(console.sink.calls[1].params == nlohmann::json{{"id", 3}});
}

TEST_CASE("The log lists the newest first and highlights requests", "[console][log]")
{
    AstanaConsole console;
    EventLog log(console.model);
    log.setSize(440, 400);
    console.model.applyEvent(
        {{"seq", 1}, {"t", 3.0}, {"type", "mic-on"}, {"seat", "en-2"}, {"channel", "en"}});
    console.model.applyMessage(
        {{"id", 1}, {"from", "anonymous"}, {"kind", "slow-down"}, {"at", "2026-11-28T13:20:01Z"}});
    log.update();
    REQUIRE(log.rows() == 2);
    CHECK(log.entry(0).urgent());
    CHECK(log.entry(1).text == "en-2 is live on en");
}

TEST_CASE("Shortcuts: strip selection, monitor, ack, mic, preset save", "[console][keys]")
{
    AstanaConsole console;
    ConsolePanel panel(console.model, console.actions, "ws://127.0.0.1:7700/rpc");
    panel.setSize(1280, 800);
    panel.refresh(0xffffffffu);
    auto& calls = console.sink.calls;

    CHECK(panel.keyPressed(juce::KeyPress('3')));
    CHECK(panel.strips().selectedChannel() == "zh");
    panel.keyPressed(juce::KeyPress('m'));
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].method == "monitor.set");
    CHECK(calls[0].params == nlohmann::json{{"source", "channel:zh"}});

    panel.keyPressed(juce::KeyPress('a'));
    CHECK(calls.back().method == "alarms.ack");

    panel.keyPressed(juce::KeyPress(juce::KeyPress::spaceKey));
    CHECK(calls.back().method == "seat.mic");
    CHECK(calls.back().params == nlohmann::json{{"seat", "ru-1"}, {"on", true}});

    panel.presets().setPresetName("plenary");
    panel.keyPressed(juce::KeyPress('s', juce::ModifierKeys::commandModifier, 0));
    CHECK(calls.back().method == "session.save");
    CHECK(calls.back().params == nlohmann::json{{"name", "plenary"}});

    panel.keyPressed(juce::KeyPress(juce::KeyPress::F1Key));
    CHECK(panel.helpVisible());
    panel.keyPressed(juce::KeyPress(juce::KeyPress::escapeKey));
    CHECK_FALSE(panel.helpVisible());
}

TEST_CASE("Every view paints the Astana session at 1280x800", "[console][snapshot]")
{
    AstanaConsole console;
    ConsolePanel panel(console.model, console.actions, "ws://127.0.0.1:7700/rpc");
    panel.setSize(1280, 800);
    panel.refresh(0xffffffffu);
    // CONSOLE_SNAPSHOT_DIR keeps the pictures, to look at the layout without an engine.
    const auto folder = juce::SystemStats::getEnvironmentVariable("CONSOLE_SNAPSHOT_DIR", {});
    for (const auto* name : {"all", "matrix", "relay", "alarms", "log"})
    {
        ConsoleView view{};
        REQUIRE(parseConsoleView(name, view));
        panel.showView(view);
        const auto image = panel.createComponentSnapshot(panel.getLocalBounds());
        CHECK(image.getWidth() == 1280);
        if (folder.isNotEmpty())
        {
            juce::File file(folder + "/console-" + name + ".png");
            file.deleteFile();
            juce::FileOutputStream stream(file);
            juce::PNGImageFormat().writeImageToStream(image, stream);
        }
    }
}
