#pragma once
// The session's event log, newest first: who went live when, refusals, relay changes, and the
// booths' messages. Slow-down requests and technician calls are highlighted: they need a reaction,
// and a seat's call or text has its answer on the row: "On my way" or "Reply", one click.
// Message thread only.

#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class EventLog : public juce::Component, private juce::ListBoxModel
{
public:
    explicit EventLog(const ConsoleModel& model);

    void update();
    int rows() const { return static_cast<int>(model.log().size()); }
    // Row 0 is the newest entry.
    const LogEntry& entry(int row) const;
    // Where row's answer button is, in this component's coordinates (empty: nothing to answer).
    juce::Rectangle<int> replyBounds(int row) const;

    // A click on a row's answer button, with that row's entry.
    std::function<void(const LogEntry&)> onReply;

    void resized() override;

private:
    int getNumRows() override;
    void paintListBoxItem(int row, juce::Graphics& g, int width, int height,
                          bool selected) override;
    void listBoxItemClicked(int row, const juce::MouseEvent& event) override;
    juce::Rectangle<int> replyButton(int width, int height) const;

    const ConsoleModel& model;
    juce::ListBox list;
};

} // namespace dragoman::console
