#include "views/ConsolePanel.h"

#include "ui/widgets/Theme.h"

namespace dragoman::console
{

using namespace dragoman::ui;

namespace
{
enum Tab
{
    stripsTab,
    relayTab,
    alarmsTab,
    logTab,
};
} // namespace

bool parseConsoleView(const std::string& name, ConsoleView& view)
{
    static const std::pair<const char*, ConsoleView> names[] = {
        {"all", ConsoleView::all},       {"matrix", ConsoleView::matrix},
        {"strips", ConsoleView::strips}, {"relay", ConsoleView::relay},
        {"alarms", ConsoleView::alarms}, {"log", ConsoleView::log},
    };
    for (const auto& [text, value] : names)
        if (name == text)
        {
            view = value;
            return true;
        }
    return false;
}

ConsolePanel::ConsolePanel(const ConsoleModel& shownModel, ConsoleActions& sentActions,
                           juce::String url)
    : model(shownModel), actions(sentActions), connectionBar(model, actions, std::move(url)),
      monitorSelector(model, actions), presetBar(model, actions), routing(model, actions),
      channelStrips(model, actions), relayGraph(model), alarmList(model, actions), eventLog(model),
      composer(model, actions)
{
    tabs.setTabBarDepth(34);
    tabs.setOutline(0);
    tabs.addTab("Strips", colours::panel, &channelStrips, false);
    tabs.addTab("Relay", colours::panel, &relayGraph, false);
    tabs.addTab("Alarms", colours::panel, &alarmList, false);
    tabs.addTab("Log", colours::panel, &eventLog, false);
    presetBar.onSaved = [this]
    {
        if (onPresetsChanged)
            onPresetsChanged();
    };
    eventLog.onReply = [this](const LogEntry& entry)
    {
        reply(entry);
    };
    composer.onDone = [this]
    {
        grabKeyboardFocus();
    };
    addAndMakeVisible(connectionBar);
    addAndMakeVisible(monitorSelector);
    addAndMakeVisible(presetBar);
    addAndMakeVisible(routing);
    addAndMakeVisible(tabs);
    addAndMakeVisible(composer);
    addChildComponent(help);
    setWantsKeyboardFocus(true);
    refresh(0xffffffffu);
}

ConsolePanel::~ConsolePanel() = default;

void ConsolePanel::refresh(std::uint32_t changes)
{
    if (changes & (changeState | changeConnection))
    {
        // The first state (or another session) changes what the matrix needs: lay out again.
        if (const auto needed = routing.neededSize(); needed != matrixNeeds)
        {
            matrixNeeds = needed;
            resized();
        }
        connectionBar.update();
        monitorSelector.update();
        routing.update();
        channelStrips.update();
        relayGraph.update();
        composer.update();
    }
    if (changes & changeMeters)
    {
        channelStrips.updateMeters();
        routing.updateMeters();
    }
    if (changes & changeHealth)
        connectionBar.repaint();
    if (changes & (changeAlarms | changeState))
    {
        alarmList.update();
        connectionBar.repaint();
    }
    if (changes & changeLog)
        eventLog.update();
    if (changes & changePresets)
        presetBar.update();
    updateTabTitles();
}

void ConsolePanel::updateTabTitles()
{
    const int waiting = model.unacknowledgedAlarms();
    tabs.setTabName(alarmsTab, waiting > 0 ? "Alarms (" + juce::String(waiting) + ")"
                                           : juce::String("Alarms"));
    tabs.setTabBackgroundColour(alarmsTab, waiting > 0 ? colours::fault : colours::panel);
    const bool relayFault = !relayGraph.plan().problems.empty();
    tabs.setTabName(relayTab, relayFault ? "Relay (!)" : "Relay");
    tabs.setTabBackgroundColour(relayTab, relayFault ? colours::fault : colours::panel);
    int urgent = 0;
    for (const auto& entry : model.log())
        urgent += entry.urgent() && !entry.answered ? 1 : 0;
    tabs.setTabName(logTab,
                    urgent > 0 ? "Log (" + juce::String(urgent) + ")" : juce::String("Log"));
}

void ConsolePanel::showView(ConsoleView view)
{
    current = view;
    switch (view)
    {
    case ConsoleView::all:
    case ConsoleView::matrix:
    case ConsoleView::strips:
        tabs.setCurrentTabIndex(stripsTab);
        break;
    case ConsoleView::relay:
        tabs.setCurrentTabIndex(relayTab);
        break;
    case ConsoleView::alarms:
        tabs.setCurrentTabIndex(alarmsTab);
        break;
    case ConsoleView::log:
        tabs.setCurrentTabIndex(logTab);
        break;
    }
    tabs.setVisible(view != ConsoleView::matrix);
    composer.setVisible(view != ConsoleView::matrix);
    resized();
}

void ConsolePanel::reply(const LogEntry& entry)
{
    if (entry.replyTo.empty())
        return;
    composer.setTarget(entry.replyTo);
    if (entry.kind == LogEntry::Kind::callTechnician)
    {
        // Through the message line, so that it says where the answer went.
        composer.setText("The technician is on the way.");
        composer.send();
    }
    else
        composer.startTyping();
}

bool ConsolePanel::answerNewestCall()
{
    const auto& log = model.log();
    for (auto it = log.rbegin(); it != log.rend(); ++it)
        if (it->kind == LogEntry::Kind::callTechnician && !it->replyTo.empty() && !it->answered)
        {
            reply(*it);
            return true;
        }
    return false;
}

void ConsolePanel::paint(juce::Graphics& g)
{
    g.fillAll(colours::background);
    g.setColour(colours::textDim);
    g.setFont(Theme::font(13.0f));
    auto toolbar =
        getLocalBounds().withTrimmedTop(ConnectionBar::kHeight).withHeight(kToolbarHeight);
    g.drawText("F1  shortcuts", toolbar.reduced(12, 0), juce::Justification::centredRight);
}

void ConsolePanel::resized()
{
    auto area = getLocalBounds();
    connectionBar.setBounds(area.removeFromTop(ConnectionBar::kHeight));
    auto toolbar = area.removeFromTop(kToolbarHeight).reduced(10, 2);
    monitorSelector.setBounds(toolbar.removeFromLeft(290));
    toolbar.removeFromLeft(24);
    presetBar.setBounds(toolbar.removeFromLeft(520));
    area.reduce(6, 4);
    if (current == ConsoleView::matrix)
        routing.setBounds(area);
    else
    {
        // The matrix keeps what it needs to show every seat; the tabs take the rest, at least
        // enough for a strip's numbers.
        const int needed = routing.neededSize().x + 12;
        const int tabsWidth =
            juce::jmax(420, juce::roundToInt(static_cast<float>(area.getWidth()) * 0.36f));
        const int matrixWidth = juce::jmax(needed, area.getWidth() - tabsWidth);
        routing.setBounds(area.removeFromLeft(matrixWidth));
        area.removeFromLeft(6);
        composer.setBounds(area.removeFromBottom(MessageComposer::kHeight));
        area.removeFromBottom(4);
        tabs.setBounds(area);
    }
    help.setBounds(getLocalBounds());
}

bool ConsolePanel::keyPressed(const juce::KeyPress& key)
{
    if (help.isVisible())
    {
        help.setVisible(false);
        return true;
    }
    // Letters arrive upper- or lower-case depending on the platform and Shift.
    const auto code = static_cast<int>(
        juce::CharacterFunctions::toUpperCase(static_cast<juce::juce_wchar>(key.getKeyCode())));
    const auto mods = key.getModifiers();
    if (code == juce::KeyPress::F1Key || key.getTextCharacter() == '?')
    {
        help.setVisible(true);
        help.toFront(false);
        return true;
    }
    if (mods.isCommandDown())
    {
        if (code == 'S')
            presetBar.save();
        else if (code == 'L')
            presetBar.load();
        else
            return false;
        return true;
    }
    if (code == juce::KeyPress::upKey || code == juce::KeyPress::downKey)
        routing.moveCursor(code == juce::KeyPress::upKey ? -1 : 1, 0);
    else if (code == juce::KeyPress::leftKey || code == juce::KeyPress::rightKey)
        routing.moveCursor(0, code == juce::KeyPress::leftKey ? -1 : 1);
    else if (code == juce::KeyPress::returnKey)
        routing.activateCursor();
    else if (code == juce::KeyPress::spaceKey)
        routing.toggleCursorMic();
    else if (code >= '0' && code <= '9')
    {
        channelStrips.select(code == '0' ? 9 : code - '1');
        if (current != ConsoleView::matrix)
            tabs.setCurrentTabIndex(stripsTab);
    }
    else if (code == 'M' && mods.isShiftDown())
        actions.setMonitor("seat:" + routing.cursorSeat());
    else if (code == 'M')
    {
        const auto channel = channelStrips.selectedChannel();
        const auto source = channel == "floor" ? std::string("floor") : "channel:" + channel;
        actions.setMonitor(model.state().monitor == source ? "off" : source);
    }
    else if (code == 'A')
        alarmList.acknowledgeOldest();
    else if (code == 'T')
    {
        if (mods.isShiftDown() && !routing.cursorSeat().empty())
            composer.setTarget("seat:" + routing.cursorSeat());
        composer.startTyping();
    }
    else if (code == 'R')
        answerNewestCall();
    else if (code == 'F')
        connectionBar.showFloorMenu();
    else if (code == 'I')
        routing.showInterlockMenu(mods.isShiftDown());
    else if (code >= juce::KeyPress::F2Key && code <= juce::KeyPress::F5Key)
        showView(code == juce::KeyPress::F2Key   ? ConsoleView::strips
                 : code == juce::KeyPress::F3Key ? ConsoleView::relay
                 : code == juce::KeyPress::F4Key ? ConsoleView::alarms
                                                 : ConsoleView::log);
    else
        return false;
    return true;
}

} // namespace dragoman::console
