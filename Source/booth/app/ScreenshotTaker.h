#pragma once
// --screenshot: waits until the console is connected and has drawn the engine's state for about
// a second and a half (meters, floor quality), then saves the panel as PNG and reports. Gives up
// after the timeout (the engine was never reached). Message thread only (a juce::Timer).

#include "model/BoothModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace dragoman::booth
{

class ScreenshotTaker : private juce::Timer
{
public:
    ScreenshotTaker(const BoothModel& model, juce::Component& panel, juce::File file,
                    double timeoutSeconds, std::function<void(bool ok, juce::String why)> done);

private:
    void timerCallback() override;

    const BoothModel& model;
    juce::Component& panel;
    juce::File file;
    std::function<void(bool, juce::String)> done;
    double startedAt, timeoutSeconds, readySince = 0.0;
};

} // namespace dragoman::booth
