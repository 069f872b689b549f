#include "ScreenshotTaker.h"

namespace dragoman::console
{

namespace
{
double now()
{
    return juce::Time::getMillisecondCounterHiRes() / 1000.0;
}
constexpr double kMetersSeconds = 1.2;
} // namespace

ScreenshotTaker::ScreenshotTaker(const ConsoleModel& shownModel, juce::Component& shotPanel,
                                 juce::File shotFile, double timeout,
                                 std::function<void(bool, juce::String)> whenDone)
    : model(shownModel), panel(shotPanel), file(std::move(shotFile)), done(std::move(whenDone)),
      startedAt(now()), timeoutSeconds(timeout)
{
    // Under Xvfb the pointer starts in the middle of the screen, over the matrix: its hover mark
    // would be in every picture. The corner of the screen is outside the centred window.
    juce::Desktop::getInstance().getMainMouseSource().setScreenPosition({0.0f, 0.0f});
    startTimer(100);
}

void ScreenshotTaker::timerCallback()
{
    const bool ready = model.connected() && model.hasState();
    if (!ready)
    {
        readySince = 0.0;
        if (now() - startedAt > timeoutSeconds)
        {
            stopTimer();
            done(false, "not connected to the engine after " + juce::String(timeoutSeconds, 0) +
                            " s: " + juce::String(model.connectionText()));
        }
        return;
    }
    if (readySince == 0.0)
        readySince = now();
    // A second of meters, so the strips show levels and not the empty start.
    if (now() - readySince < kMetersSeconds)
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

} // namespace dragoman::console
