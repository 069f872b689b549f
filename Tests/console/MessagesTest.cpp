// Messages from the technician: the message line sends messages.send, "everyone" is one message
// and one log line, and a seat's call is answered from the log with one click.
#include "ConsoleFixture.h"

#include "views/ConsolePanel.h"

#include <catch2/catch.hpp>

using namespace dragoman::console;
using namespace dragoman::console::test;

namespace
{
nlohmann::json textTo(const std::string& to, const std::string& text)
{
    return {{"to", to}, {"kind", "text"}, {"text", text}};
}

nlohmann::json message(int id, const std::string& from, const std::string& to,
                       const std::string& kind, const std::string& text = {})
{
    return {{"id", id},     {"from", from}, {"to", to},
            {"kind", kind}, {"text", text}, {"at", "2026-11-28T13:20:01Z"}};
}

// A click where the technician sees the log's answer button: on the row under it.
void clickReply(EventLog& log, int row)
{
    const auto where = log.replyBounds(row).getCentre();
    REQUIRE(log.replyBounds(row).getWidth() > 40);
    auto* rowComponent = log.getComponentAt(where);
    REQUIRE(rowComponent != nullptr);
    click(*rowComponent, rowComponent->getLocalPoint(&log, where));
}
} // namespace

TEST_CASE("Send writes messages.send to the chosen booth or seat", "[console][messages]")
{
    AstanaConsole console;
    MessageComposer composer(console.model, console.actions);
    composer.setSize(420, MessageComposer::kHeight);
    composer.update();
    auto& calls = console.sink.calls;
    CHECK(composer.target() == "everyone");

    composer.setTarget("booth:en");
    composer.setText("The speaker changes to Chinese");
    composer.sendKey().triggerClick();
    juce::MessageManager::getInstance()->runDispatchLoopUntil(50); // triggerClick is async
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].method == "messages.send");
    CHECK(calls[0].params == textTo("booth:en", "The speaker changes to Chinese"));
    CHECK(composer.text().isEmpty());
    CHECK(composer.status() == "sent to EN booth");

    composer.setTarget("seat:kk-2");
    composer.setText("  check your microphone  ");
    composer.send();
    CHECK(calls.back().params == textTo("seat:kk-2", "check your microphone"));

    composer.send(); // nothing typed: nothing sent
    CHECK(calls.size() == 2);
}

TEST_CASE("Everyone is one message to everyone, one line in the log", "[console][messages]")
{
    AstanaConsole console;
    MessageComposer composer(console.model, console.actions);
    composer.setSize(420, MessageComposer::kHeight);
    composer.update();
    composer.setTarget("everyone");
    composer.setText("Coffee break in five minutes");
    composer.send();
    auto& calls = console.sink.calls;
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].params == textTo("everyone", "Coffee break in five minutes"));

    // The engine sends it back to the technician: the log shows one line.
    int id = 1;
    for (const auto& call : calls)
        console.model.applyMessage(message(id++, "technician", call.params["to"].get<std::string>(),
                                           "text", "Coffee break in five minutes"));
    REQUIRE(console.model.log().size() == 1);
    CHECK(console.model.log().back().text == "to everyone: Coffee break in five minutes");
    console.model.applyMessage(message(id++, "technician", "booth:en", "text", "Thank you"));
    console.model.applyMessage(message(id++, "technician", "seat:en-1", "text", "Thank you"));
    REQUIRE(console.model.log().size() == 2);
    CHECK(console.model.log().back().text == "to en booth, en-1: Thank you");
    CHECK(console.model.log().back().replyTo.empty());
}

TEST_CASE("A technician call is answered from the log with one click", "[console][messages]")
{
    AstanaConsole console;
    ConsolePanel panel(console.model, console.actions, "ws://127.0.0.1:7700/rpc");
    panel.setSize(1280, 800);
    panel.refresh(0xffffffffu);
    panel.showView(ConsoleView::log);
    auto& calls = console.sink.calls;

    panel.refresh(console.model.applyMessage(message(1, "anonymous", "technician", "slow-down")));
    panel.refresh(
        console.model.applyMessage(message(2, "seat:kk-2", "technician", "call-technician")));
    auto& log = panel.log();
    REQUIRE(log.rows() == 2);
    CHECK(log.entry(0).replyTo == "seat:kk-2");
    CHECK(log.replyBounds(1).isEmpty()); // an anonymous slow-down has nobody to answer

    clickReply(log, 0);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].method == "messages.send");
    CHECK(calls[0].params == textTo("seat:kk-2", "The technician is on the way."));
    CHECK(panel.messages().target() == "seat:kk-2");
    // The answer comes back from the engine: the call is answered, R finds no other waiting.
    CHECK_FALSE(log.entry(0).answered);
    panel.refresh(console.model.applyMessage(
        message(3, "technician", "seat:kk-2", "text", "The technician is on the way.")));
    CHECK(log.entry(1).answered);
    CHECK_FALSE(panel.answerNewestCall());

    // A text gets "Reply": the message line is addressed to the seat, nothing is sent yet.
    panel.refresh(
        console.model.applyMessage(message(4, "seat:hi-1", "technician", "text", "No sound")));
    CHECK(log.entry(0).text == "hi-1: No sound");
    clickReply(log, 0);
    CHECK(calls.size() == 1);
    CHECK(panel.messages().target() == "seat:hi-1");

    // R answers the newest call, whichever tab is shown.
    panel.showView(ConsoleView::strips);
    panel.refresh(
        console.model.applyMessage(message(5, "seat:ur-3", "technician", "call-technician")));
    CHECK(panel.keyPressed(juce::KeyPress('r')));
    CHECK(calls.back().params == textTo("seat:ur-3", "The technician is on the way."));
}

TEST_CASE("T and Shift+T take the message line", "[console][messages][keys]")
{
    AstanaConsole console;
    ConsolePanel panel(console.model, console.actions, "ws://127.0.0.1:7700/rpc");
    panel.setSize(1280, 800);
    panel.refresh(0xffffffffu);
    CHECK(panel.keyPressed(juce::KeyPress('t')));
    CHECK(panel.messages().target() == "everyone");
    panel.matrix().moveCursor(4, 0); // zh-2
    CHECK(panel.keyPressed(juce::KeyPress('T', juce::ModifierKeys::shiftModifier, 'T')));
    CHECK(panel.messages().target() == "seat:zh-2");
    CHECK(console.sink.calls.empty());
}
