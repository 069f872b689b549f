#include "ScreenshotTaker.h"

namespace dragoman::ui
{

namespace
{
double now()
{
    return juce::Time::getMillisecondCounterHiRes() / 1000.0;
}
} // namespace

ScreenshotTaker::ScreenshotTaker(juce::Component& shotPanel, juce::File shotFile, Timing shotTiming,
                                 Console shownConsole,
                                 std::function<void(bool, juce::String)> whenDone)
    : panel(shotPanel), file(std::move(shotFile)), timing(shotTiming),
      console(std::move(shownConsole)), done(std::move(whenDone)), startedAt(now())
{
    startTimer(100);
}

void ScreenshotTaker::timerCallback()
{
    if (!console.ready())
    {
        readySince = 0.0;
        if (now() - startedAt > timing.timeoutSeconds)
        {
            stopTimer();
            done(false, "not connected to the engine after " +
                            juce::String(timing.timeoutSeconds, 0) +
                            " s: " + console.connectionText());
        }
        return;
    }
    if (readySince == 0.0)
        readySince = now();
    if (now() - readySince < timing.settleSeconds)
        return;
    stopTimer();
    const auto image = panel.createComponentSnapshot(panel.getLocalBounds(), true, 1.0f);
    file.deleteFile();
    bool written = false;
    {
        juce::FileOutputStream stream(file);
        written = stream.openedOk() && juce::PNGImageFormat().writeImageToStream(image, stream);
    }
    done(written,
         written ? "saved " + file.getFullPathName() : "cannot write " + file.getFullPathName());
}

} // namespace dragoman::ui
