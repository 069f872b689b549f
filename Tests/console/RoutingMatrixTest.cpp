// RoutingMatrix: a click on a cell sends the matching API call; the Astana session fits 1280x800.
#include "ConsoleFixture.h"

#include "views/ConsolePanel.h"
#include "views/RoutingMatrix.h"

#include <catch2/catch.hpp>

using namespace dragoman::console;
using namespace dragoman::console::test;

namespace
{
int rowOf(const MatrixLayout& layout, const std::string& seat)
{
    const auto found = std::find(layout.seats.begin(), layout.seats.end(), seat);
    REQUIRE(found != layout.seats.end());
    return static_cast<int>(found - layout.seats.begin());
}

int indexOf(const std::vector<std::string>& list, const std::string& item)
{
    const auto found = std::find(list.begin(), list.end(), item);
    REQUIRE(found != list.end());
    return static_cast<int>(found - list.begin());
}

struct MatrixOnScreen : AstanaConsole
{
    MatrixOnScreen()
    {
        matrix.setSize(840, 700);
        matrix.update();
    }
    juce::Point<int> centre(const std::string& seat, MatrixCell::Kind kind,
                            const std::string& column = {})
    {
        const auto& layout = matrix.layout();
        int index = 0;
        if (kind == MatrixCell::Kind::talk)
            index = indexOf(layout.talkChannels, column);
        else if (kind == MatrixCell::Kind::listen)
            index = indexOf(layout.listenSources, column);
        return layout.cellBounds({rowOf(layout, seat), kind, index}).getCentre();
    }
    RoutingMatrix matrix{model, actions};
};
} // namespace

TEST_CASE("Rows are the seats grouped by booth, columns the channels and sources",
          "[console][matrix]")
{
    MatrixOnScreen screen;
    const auto& layout = screen.matrix.layout();
    CHECK(layout.rows() == 30);
    CHECK(layout.seats.front() == "ru-1");
    CHECK(layout.seats.back() == "be-2");
    CHECK(layout.talkChannels.size() == 11);
    CHECK(layout.listenSources.size() == 13); // floor, auto, 11 channels
    CHECK(layout.listenSources[0] == "floor");
    CHECK(layout.listenSources[1] == "auto");
}

TEST_CASE("Clicking a talk cell sends seat.output with the booth's letter", "[console][matrix]")
{
    MatrixOnScreen screen;
    // kk-3 talks into B (ru); its A output is kk.
    click(screen.matrix, screen.centre("kk-3", MatrixCell::Kind::talk, "kk"));
    REQUIRE(screen.sink.calls.size() == 1);
    CHECK(screen.sink.calls[0].method == "seat.output");
    CHECK(screen.sink.calls[0].params == nlohmann::json{{"seat", "kk-3"}, {"output", "A"}});

    click(screen.matrix, screen.centre("zh-2", MatrixCell::Kind::talk, "ru"));
    REQUIRE(screen.sink.calls.size() == 2);
    CHECK(screen.sink.calls[1].params == nlohmann::json{{"seat", "zh-2"}, {"output", "B"}});

    // Not one of the booth's outputs, or already chosen: nothing is sent.
    click(screen.matrix, screen.centre("en-1", MatrixCell::Kind::talk, "zh"));
    click(screen.matrix, screen.centre("en-1", MatrixCell::Kind::talk, "en"));
    CHECK(screen.sink.calls.size() == 2);
}

TEST_CASE("Clicking a listen cell sends seat.listen", "[console][matrix]")
{
    MatrixOnScreen screen;
    click(screen.matrix, screen.centre("en-1", MatrixCell::Kind::listen, "floor"));
    click(screen.matrix, screen.centre("tg-1", MatrixCell::Kind::listen, "ru"));
    click(screen.matrix, screen.centre("ur-1", MatrixCell::Kind::listen, "auto"));
    REQUIRE(screen.sink.calls.size() == 3);
    CHECK(screen.sink.calls[0].method == "seat.listen");
    CHECK(screen.sink.calls[0].params == nlohmann::json{{"seat", "en-1"}, {"source", "floor"}});
    CHECK(screen.sink.calls[1].params == nlohmann::json{{"seat", "tg-1"}, {"source", "ru"}});
    CHECK(screen.sink.calls[2].params == nlohmann::json{{"seat", "ur-1"}, {"source", "auto"}});
}

TEST_CASE("Clicking the mic cell switches the seat's microphone", "[console][matrix]")
{
    MatrixOnScreen screen;
    click(screen.matrix, screen.centre("ru-1", MatrixCell::Kind::mic));
    click(screen.matrix, screen.centre("en-2", MatrixCell::Kind::mic)); // live: switch off
    REQUIRE(screen.sink.calls.size() == 2);
    CHECK(screen.sink.calls[0].method == "seat.mic");
    CHECK(screen.sink.calls[0].params == nlohmann::json{{"seat", "ru-1"}, {"on", true}});
    CHECK(screen.sink.calls[1].params == nlohmann::json{{"seat", "en-2"}, {"on", false}});
}

TEST_CASE("A booth's interlock selector sends booth.interlock", "[console][matrix]")
{
    MatrixOnScreen screen;
    juce::ComboBox* selector = nullptr;
    for (auto* child : screen.matrix.getChildren())
        if (child->getName() == "interlock en")
            selector = dynamic_cast<juce::ComboBox*>(child);
    REQUIRE(selector != nullptr);
    CHECK(selector->getText() == "interlock");
    selector->setSelectedId(2, juce::sendNotificationSync); // override
    REQUIRE(screen.sink.calls.size() == 1);
    CHECK(screen.sink.calls[0].method == "booth.interlock");
    CHECK(screen.sink.calls[0].params == nlohmann::json{{"booth", "en"}, {"mode", "override"}});
}

TEST_CASE("The keyboard cursor moves and clicks like the mouse", "[console][matrix]")
{
    MatrixOnScreen screen;
    screen.matrix.moveCursor(6, 0); // ru-1, ru-2, ru-3, zh-1, zh-2, zh-3 -> en-1
    CHECK(screen.matrix.cursorSeat() == "en-1");
    screen.matrix.toggleCursorMic();
    screen.matrix.moveCursor(0, 1 + 11); // past the mic and the 11 talk cells to "floor"
    CHECK(screen.matrix.cursorCell().kind == MatrixCell::Kind::listen);
    screen.matrix.activateCursor();
    REQUIRE(screen.sink.calls.size() == 2);
    CHECK(screen.sink.calls[0].params == nlohmann::json{{"seat", "en-1"}, {"on", true}});
    CHECK(screen.sink.calls[1].params == nlohmann::json{{"seat", "en-1"}, {"source", "floor"}});
}

TEST_CASE("The Astana matrix fits a 1280x800 console without scrolling", "[console][matrix]")
{
    AstanaConsole console;
    ConsolePanel panel(console.model, console.actions, "ws://127.0.0.1:7700/rpc");
    panel.setSize(1280, 800);
    panel.refresh(0xffffffffu);
    const auto needed = panel.matrix().neededSize();
    const auto given = panel.matrix().getBounds();
    INFO("needed " << needed.x << "x" << needed.y << ", given " << given.getWidth() << "x"
                   << given.getHeight());
    CHECK(needed.x <= given.getWidth());
    CHECK(needed.y <= given.getHeight());
    // Every seat's last listen cell is inside the component.
    const auto& layout = panel.matrix().layout();
    const auto last = layout.cellBounds({29, MatrixCell::Kind::listen, 12});
    CHECK(panel.matrix().getLocalBounds().contains(last));
    // And the strips beside it have room for all 12 channels.
    CHECK(panel.strips().stripCount() == 12);
    CHECK(panel.strips().getWidth() >= 400);
}

TEST_CASE("Each seat row shows its microphone's level", "[console][matrix][meters]")
{
    MatrixOnScreen screen;
    const auto& layout = screen.matrix.layout();
    const auto row = rowOf(layout, "zh-1"); // live, mic at -18 dBFS in the recorded meters
    const auto meter = layout.seatMeterBounds(row);
    // Inside the seat's name column, before the mic cell.
    CHECK(meter.getX() >= layout.rowBounds(row).getX());
    CHECK(meter.getRight() <= layout.cellBounds({row, MatrixCell::Kind::mic, 0}).getX());

    // -18 dBFS on a -60..0 scale: green up to 70 % of the bar, dark beyond.
    const auto image = screen.matrix.createComponentSnapshot(screen.matrix.getLocalBounds());
    const int y = meter.getCentreY();
    const auto lit = image.getPixelAt(meter.getX() + meter.getWidth() / 2, y);
    const auto dark = image.getPixelAt(meter.getRight() - 2, y);
    CHECK(lit.getGreen() > 150);
    CHECK(dark.getGreen() < 60);

    // A new meters notification moves the bar: zh-1 silent.
    auto meters = loadJson("astana_meters.json");
    meters["seats"]["zh-1"]["mic_db"] = nullptr;
    screen.model.applyMeters(meters);
    screen.matrix.updateMeters();
    const auto after = screen.matrix.createComponentSnapshot(screen.matrix.getLocalBounds());
    CHECK(after.getPixelAt(meter.getX() + meter.getWidth() / 2, y).getGreen() < 60);
}
