#include "views/MessageComposer.h"

#include "ui/widgets/Theme.h"

namespace dragoman::console
{

using namespace dragoman::ui;

MessageComposer::MessageComposer(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
    recipient.setTooltip("Who the message goes to");
    editor.setTextToShowWhenEmpty("message (T)", colours::textDim);
    editor.setFont(Theme::font(15.0f));
    editor.setIndents(6, 6);
    editor.onReturnKey = [this]
    {
        send();
    };
    editor.onEscapeKey = [this]
    {
        if (onDone)
            onDone();
    };
    sendButton.setTooltip("Send the message (Enter)");
    sendButton.onClick = [this]
    {
        send();
    };
    addAndMakeVisible(recipient);
    addAndMakeVisible(editor);
    addAndMakeVisible(sendButton);
}

void MessageComposer::update()
{
    auto known = messageTargets(model.state());
    const bool same =
        known.size() == targets.size() &&
        std::equal(known.begin(), known.end(), targets.begin(),
                   [](const MessageTarget& a, const MessageTarget& b) { return a.id == b.id; });
    if (same)
        return;
    const auto chosen = target();
    targets = std::move(known);
    recipient.clear(juce::dontSendNotification);
    for (std::size_t i = 0; i < targets.size(); ++i)
    {
        // Headings between everyone, the booths and the seats, as the monitor selector has.
        if (i == 1)
            recipient.addSectionHeading("Booths");
        else if (i > 0 && targets[i].id.starts_with("seat:") &&
                 !targets[i - 1].id.starts_with("seat:"))
            recipient.addSectionHeading("Seats");
        recipient.addItem(juce::String(targets[i].label), static_cast<int>(i) + 1);
    }
    setTarget(chosen.empty() ? std::string(kEveryone) : chosen);
}

void MessageComposer::setTarget(const std::string& id)
{
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (targets[i].id == id)
            recipient.setSelectedId(static_cast<int>(i) + 1, juce::dontSendNotification);
}

std::string MessageComposer::target() const
{
    const int id = recipient.getSelectedId();
    return id > 0 ? targets[static_cast<std::size_t>(id - 1)].id : std::string();
}

void MessageComposer::send()
{
    const auto message = editor.getText().trim();
    const auto to = target();
    if (message.isEmpty() || to.empty())
        return;
    const auto label = juce::String(recipient.getText());
    actions.sendMessage(to, message.toStdString(),
                        [this, label](bool ok, const nlohmann::json&, const std::string& error)
                        {
                            statusText = ok ? "sent to " + label : juce::String(error);
                            // The empty line says what happened to the last message.
                            editor.setTextToShowWhenEmpty(statusText,
                                                          ok ? colours::textDim : colours::fault);
                            editor.repaint();
                        });
    editor.clear();
    if (onDone)
        onDone();
}

void MessageComposer::startTyping()
{
    if (isShowing())
        editor.grabKeyboardFocus();
}

void MessageComposer::resized()
{
    auto area = getLocalBounds().reduced(4, 4);
    area.removeFromLeft(34); // "TO"
    recipient.setBounds(area.removeFromLeft(116));
    area.removeFromLeft(6);
    sendButton.setBounds(area.removeFromRight(64));
    area.removeFromRight(6);
    editor.setBounds(area);
}

void MessageComposer::paint(juce::Graphics& g)
{
    g.fillAll(colours::panel);
    g.setColour(colours::textDim);
    g.setFont(Theme::font(13.0f, true));
    g.drawText("TO", getLocalBounds().reduced(6, 0).withWidth(30),
               juce::Justification::centredLeft);
}

} // namespace dragoman::console
