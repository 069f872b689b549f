#pragma once
// The whole console in one component: the connection bar and the monitor and preset controls on
// top, the routing matrix always on the left, and the strips, relay graph, alarms and event log
// as tabs on the right with the message line under them. It applies what the model reports
// changed to the views and turns keys into actions. The window (or a test) owns it.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"
#include "views/AlarmList.h"
#include "views/ChannelStrips.h"
#include "views/ConnectionBar.h"
#include "views/EventLog.h"
#include "views/HelpOverlay.h"
#include "views/MessageComposer.h"
#include "views/MonitorSelector.h"
#include "views/PresetBar.h"
#include "views/RelayGraphView.h"
#include "views/RoutingMatrix.h"

namespace dragoman::console
{

enum class ConsoleView
{
    all,    // matrix and the strips tab
    matrix, // the matrix alone, full width
    strips,
    relay,
    alarms,
    log,
};

// "matrix" -> ConsoleView::matrix; false for an unknown name.
bool parseConsoleView(const std::string& name, ConsoleView& view);

class ConsolePanel : public juce::Component
{
public:
    static constexpr int kToolbarHeight = 38;

    ConsolePanel(const ConsoleModel& model, ConsoleActions& actions, juce::String url);
    ~ConsolePanel() override;

    // Call after the model applied something, with the flags it returned.
    void refresh(std::uint32_t changes);
    void showView(ConsoleView view);
    ConsoleView view() const { return current; }

    RoutingMatrix& matrix() { return routing; }
    ChannelStrips& strips() { return channelStrips; }
    RelayGraphView& relay() { return relayGraph; }
    AlarmList& alarms() { return alarmList; }
    EventLog& log() { return eventLog; }
    PresetBar& presets() { return presetBar; }
    ConnectionBar& connection() { return connectionBar; }
    MessageComposer& messages() { return composer; }
    bool helpVisible() const { return help.isVisible(); }

    // The answer to a seat's message in the log: "on my way" to a technician call at once;
    // for a text, the message line is addressed to the seat and takes the keys.
    void reply(const LogEntry& entry);
    // The R key: answers the newest technician call not answered yet; false when there is none.
    bool answerNewestCall();

    // Asked for the preset list again (after a save); the program wires it to session.presets.
    std::function<void()> onPresetsChanged;

    bool keyPressed(const juce::KeyPress& key) override;
    void paint(juce::Graphics& g) override;
    void resized() override;

private:
    void updateTabTitles();

    const ConsoleModel& model;
    ConsoleActions& actions;
    ConnectionBar connectionBar;
    MonitorSelector monitorSelector;
    PresetBar presetBar;
    RoutingMatrix routing;
    ChannelStrips channelStrips;
    RelayGraphView relayGraph;
    AlarmList alarmList;
    EventLog eventLog;
    MessageComposer composer;
    juce::TabbedComponent tabs{juce::TabbedButtonBar::TabsAtTop};
    HelpOverlay help;
    ConsoleView current = ConsoleView::all;
    juce::Point<int> matrixNeeds;
};

} // namespace dragoman::console
