#pragma once
// --screenshot: waits until the console is ready (connected, the engine's first state drawn) and
// has stayed so for a while (meters moving, not the empty start), then saves the panel as PNG and
// reports. Gives up after the timeout (the engine was never reached). Message thread only (a
// juce::Timer).

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace dragoman::ui
{

class ScreenshotTaker : private juce::Timer
{
public:
    struct Timing
    {
        double timeoutSeconds; // not ready by then: done(false)
        double settleSeconds;  // ready for this long before the picture
    };
    struct Console
    {
        std::function<bool()> ready;
        std::function<juce::String()> connectionText; // why it is not ready

        // A console model: ready when connected() and hasState().
        template <class Model> static Console showing(const Model& model)
        {
            return {[&model] { return model.connected() && model.hasState(); },
                    [&model]
                    {
                        return juce::String(model.connectionText());
                    }};
        }
    };

    // done(true) after the file was written, done(false) on timeout or a write error.
    ScreenshotTaker(juce::Component& panel, juce::File file, Timing timing, Console console,
                    std::function<void(bool ok, juce::String why)> done);

private:
    void timerCallback() override;

    juce::Component& panel;
    juce::File file;
    Timing timing;
    Console console;
    std::function<void(bool, juce::String)> done;
    double startedAt, readySince = 0.0;
};

} // namespace dragoman::ui
