#pragma once
// Alarms as the engine raises them (silent live channel, clipping, limiter, exposure, relay
// cycle, receiver loss, audio device): newest first, each with its time, what it concerns and an
// Ack button. Acknowledged alarms stay dimmed while active; cleared ones are listed greyed.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class AlarmList : public juce::Component
{
public:
    static constexpr int kRowHeight = 46;

    AlarmList(const ConsoleModel& model, ConsoleActions& actions);

    void update();
    // The A key: acknowledges the oldest active alarm nobody acknowledged yet.
    bool acknowledgeOldest();
    // Where row's Ack button is (empty when the alarm needs none); rows are newest first.
    juce::Rectangle<int> ackBounds(int row) const;
    int rows() const { return static_cast<int>(order.size()); }

    void paint(juce::Graphics& g) override;
    void mouseDown(const juce::MouseEvent& event) override;

private:
    const Alarm& alarmAt(int row) const;

    const ConsoleModel& model;
    ConsoleActions& actions;
    std::vector<std::size_t> order; // rows -> model.alarms() indices, active first, newest first
};

juce::String alarmKindText(const std::string& kind);

} // namespace dragoman::console
