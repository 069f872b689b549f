#include "views/EventLog.h"

#include "ui/widgets/Theme.h"
#include "views/LabelLines.h"

namespace dragoman::console
{

using namespace dragoman::ui;

EventLog::EventLog(const ConsoleModel& shownModel) : model(shownModel)
{
    list.setModel(this);
    list.setRowHeight(28);
    list.setColour(juce::ListBox::backgroundColourId, colours::panel);
    addAndMakeVisible(list);
}

void EventLog::update()
{
    list.updateContent();
    list.repaint();
}

int EventLog::getNumRows()
{
    return static_cast<int>(model.log().size());
}

const LogEntry& EventLog::entry(int row) const
{
    const auto& log = model.log();
    return log[log.size() - 1 - static_cast<std::size_t>(row)];
}

void EventLog::resized()
{
    list.setBounds(getLocalBounds().reduced(4));
}

juce::Rectangle<int> EventLog::replyButton(int width, int height) const
{
    return juce::Rectangle<int>(0, 0, width, height).removeFromRight(92).reduced(4, 2);
}

juce::Rectangle<int> EventLog::replyBounds(int row) const
{
    if (row < 0 || row >= rows() || entry(row).replyTo.empty())
        return {};
    const auto rowArea = list.getRowPosition(row, true);
    if (rowArea.isEmpty())
        return {};
    return replyButton(rowArea.getWidth(), rowArea.getHeight()) + rowArea.getPosition() +
           list.getPosition();
}

void EventLog::listBoxItemClicked(int row, const juce::MouseEvent& event)
{
    if (row < 0 || row >= rows() || entry(row).replyTo.empty() || !onReply)
        return;
    // The event is the row's own: its position is within the row.
    const auto* rowComponent = event.eventComponent;
    if (rowComponent == nullptr)
        return;
    if (replyButton(rowComponent->getWidth(), rowComponent->getHeight())
            .contains(event.getPosition()))
        onReply(entry(row));
}

void EventLog::paintListBoxItem(int row, juce::Graphics& g, int width, int height, bool selected)
{
    if (row < 0 || row >= getNumRows())
        return;
    const auto& item = entry(row);
    auto area = juce::Rectangle<int>(0, 0, width, height);
    juce::Colour textColour = colours::text;
    if (item.kind == LogEntry::Kind::callTechnician)
    {
        // Red until answered, then only tinted: the eye goes to the calls still waiting.
        g.setColour(colours::fault.withAlpha(item.answered ? 0.3f : 0.85f));
        g.fillRect(area.reduced(0, 1));
        textColour = item.answered ? colours::text : juce::Colours::black;
    }
    else if (item.kind == LogEntry::Kind::slowDown)
    {
        g.setColour(colours::warning.withAlpha(0.85f));
        g.fillRect(area.reduced(0, 1));
        textColour = juce::Colours::black;
    }
    else if (selected)
    {
        g.setColour(colours::panelRaised);
        g.fillRect(area);
    }
    else if (item.kind == LogEntry::Kind::refusal)
        textColour = colours::warning;
    else if (item.kind == LogEntry::Kind::message)
        textColour = colours::floorFeed;

    if (!item.replyTo.empty())
    {
        const auto button = replyButton(width, height).toFloat();
        area.removeFromRight(96);
        g.setColour(item.urgent() ? juce::Colours::black.withAlpha(0.75f) : colours::accent);
        g.fillRoundedRectangle(button, 4.0f);
        g.setColour(item.urgent() ? juce::Colours::white : juce::Colours::black);
        g.setFont(Theme::font(13.0f, true));
        // An answered call keeps its button (to write again) but says so.
        g.drawText(item.kind != LogEntry::Kind::callTechnician ? "Reply"
                   : item.answered                             ? "answered"
                                                               : "On my way",
                   button, juce::Justification::centred);
    }
    area.removeFromLeft(6);
    g.setFont(Theme::mono(13.0f));
    g.setColour(item.urgent() ? textColour : colours::textDim);
    g.drawText(juce::String(item.time), area.removeFromLeft(84), juce::Justification::centredLeft);
    g.setColour(textColour);
    // A long request (a call with its text, beside its answer button) takes a second line
    // rather than losing its end; names and the booths' texts may be in any script.
    drawLabelLines(
        g, juce::String::fromUTF8(item.text.c_str()), area.toFloat(),
        {.height = item.urgent() ? 13.0f : 14.0f, .bold = item.urgent(), .minimumHeight = 11.0f},
        2);
}

} // namespace dragoman::console
