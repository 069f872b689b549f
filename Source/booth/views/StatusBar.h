#pragma once
// The line across the top: which seat, booth and channel this console serves, how many delegates
// listen to that channel, and whether the engine is reachable (a console that lost the engine
// must say so at once: its keys then do nothing).
// Message thread only.

#include "model/BoothModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::booth
{

class StatusBar : public juce::Component
{
public:
    void refresh(const BoothModel& model);
    void paint(juce::Graphics& g) override;

    const juce::String& identityText() const { return identity; }
    const juce::String& listenersText() const { return listeners; }
    const juce::String& connectionText() const { return connection; }

private:
    juce::String identity, listeners, connection;
    bool connected = false;
};

} // namespace dragoman::booth
