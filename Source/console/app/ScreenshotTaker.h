#pragma once
// --screenshot: waits until the console is connected, has drawn the engine's first state and has
// shown about a second of meters, then saves the panel as PNG and reports. Gives up after the
// timeout (the engine was never reached). Message thread only (a juce::Timer).

#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace dragoman::console
{

class ScreenshotTaker : private juce::Timer
{
public:
    // done(true) after the file was written, done(false) on timeout or a write error.
    ScreenshotTaker(const ConsoleModel& model, juce::Component& panel, juce::File file,
                    double timeoutSeconds, std::function<void(bool ok, juce::String why)> done);

private:
    void timerCallback() override;

    const ConsoleModel& model;
    juce::Component& panel;
    juce::File file;
    std::function<void(bool, juce::String)> done;
    double startedAt, timeoutSeconds, readySince = 0.0;
};

} // namespace dragoman::console
