#pragma once
// The whole interpreter's console in one component, laid out for a 1024x600 booth screen (and
// larger): status across the top; on the left the microphone, cough and outputs; in the middle
// listening (floor and relay keys), floor sound and headphones; on the right the handover with
// the partner and the messages. Keyboard: Space or M = mic, C (held) = cough, H = handover.
// Message thread only.

#include "model/BoothActions.h"
#include "views/FloorSection.h"
#include "views/HandoverSection.h"
#include "views/ListenSection.h"
#include "views/MessageSection.h"
#include "views/OnAirSection.h"
#include "views/PhonesSection.h"
#include "views/StatusBar.h"

namespace dragoman::booth
{

class BoothPanel : public juce::Component, private juce::Timer
{
public:
    BoothPanel(BoothModel& model, BoothActions& actions);
    ~BoothPanel() override;

    // Redraws what `changes` (Change flags) touched; the turn timer ticks by itself.
    void refresh(std::uint32_t changes);

    void paint(juce::Graphics& g) override;
    void resized() override;
    bool keyPressed(const juce::KeyPress& key) override;
    bool keyStateChanged(bool isKeyDown) override;
    void focusLost(FocusChangeType) override;

    OnAirSection& onAir() { return onAirSection; }
    ListenSection& listen() { return listenSection; }
    PhonesSection& phones() { return phonesSection; }
    FloorSection& floor() { return floorSection; }
    HandoverSection& handover() { return handoverSection; }
    MessageSection& messages() { return messageSection; }
    StatusBar& status() { return statusBar; }

private:
    void timerCallback() override;
    void releaseCough();

    BoothModel& model;
    BoothActions& actions;
    StatusBar statusBar;
    OnAirSection onAirSection;
    ListenSection listenSection;
    FloorSection floorSection;
    PhonesSection phonesSection;
    HandoverSection handoverSection;
    MessageSection messageSection;
    bool coughHeldByKey = false;
};

} // namespace dragoman::booth
