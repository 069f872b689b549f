#pragma once
// The line across the top: which seat, booth and channel this console serves, how many delegates
// listen to that channel, and whether the engine is reachable (a console that lost the engine
// must say so at once: its keys then do nothing). When the console carries a remote seat's
// audio, a second line says how that link is: feed arriving, loss, jitter, the jitter buffer's
// delay and the interpreter's own limiter (a remote interpreter cannot ask the technician
// across the room whether the sound is theirs or the network's).
// Message thread only.

#include "model/BoothModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::booth
{

class StatusBar : public juce::Component
{
public:
    static constexpr int kLineHeight = 44;
    static constexpr int kRemoteLineHeight = 30;

    void refresh(const BoothModel& model);
    void paint(juce::Graphics& g) override;
    int preferredHeight() const { return kLineHeight + (remote ? kRemoteLineHeight : 0); }

    const juce::String& identityText() const { return identity; }
    const juce::String& listenersText() const { return listeners; }
    const juce::String& connectionText() const { return connection; }
    // Empty unless the console carries remote audio: "REMOTE OK" / "NO FEED" / ..., and the
    // figures.
    const juce::String& remoteLampText() const { return remoteLamp; }
    const juce::String& remoteText() const { return remoteFigures; }
    const juce::String& remoteLimiterText() const { return remoteLimiter; }

private:
    void paintRemote(juce::Graphics& g, juce::Rectangle<int> area);

    juce::String identity, listeners, connection, remoteLamp, remoteFigures, remoteLimiter;
    bool connected = false, remote = false;
    juce::Colour remoteColour;
    bool remoteLimiting = false;
};

} // namespace dragoman::booth
