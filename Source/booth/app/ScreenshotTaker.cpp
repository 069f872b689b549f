#include "ScreenshotTaker.h"

namespace dragoman::booth
{

namespace
{
double now()
{
    return juce::Time::getMillisecondCounterHiRes() / 1000.0;
}
constexpr double kSettleSeconds = 1.5;
} // namespace

ScreenshotTaker::ScreenshotTaker(const BoothModel& shownModel, juce::Component& shotPanel,
                                 juce::File shotFile, double timeout,
                                 std::function<void(bool, juce::String)> whenDone)
    : model(shownModel), panel(shotPanel), file(std::move(shotFile)), done(std::move(whenDone)),
      startedAt(now()), timeoutSeconds(timeout)
{
    startTimer(100);
}

void ScreenshotTaker::timerCallback()
{
    if (!(model.connected() && model.hasState()))
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
    if (now() - readySince < kSettleSeconds)
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

} // namespace dragoman::booth
