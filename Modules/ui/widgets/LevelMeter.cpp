#include "LevelMeter.h"

#include "Theme.h"

namespace dragoman::ui
{

namespace
{
float proportion(float db)
{
    return juce::jlimit(0.0f, 1.0f, (db - LevelMeter::kFloorDb) / -LevelMeter::kFloorDb);
}

juce::Colour zoneColour(float db)
{
    if (db > -3.0f)
        return colours::live;
    if (db > -12.0f)
        return colours::relay;
    return colours::direct;
}
} // namespace

void LevelMeter::setLevels(float rmsDb, float peakDb)
{
    rms = rmsDb;
    peak = peakDb;
    // Hold the highest peak for 1.5 s: the eye misses a single clipped word otherwise.
    const auto now = juce::Time::getMillisecondCounter();
    if (peak >= held || now - heldAt > 1500)
    {
        held = peak;
        heldAt = now;
    }
    repaint();
}

void LevelMeter::paint(juce::Graphics& g)
{
    auto area = getLocalBounds().toFloat();
    g.setColour(colours::background);
    g.fillRoundedRectangle(area, 2.0f);
    const float width = area.getWidth();

    // Zone marks at -12 and -3 dBFS so that levels can be read without numbers.
    g.setColour(colours::grid);
    for (float mark : {-40.0f, -20.0f, -12.0f, -3.0f})
        g.fillRect(area.getX() + width * proportion(mark), area.getY(), 1.0f, area.getHeight());

    const float rmsWidth = width * proportion(rms);
    if (rmsWidth > 0.0f)
    {
        juce::ColourGradient gradient(colours::direct, area.getX(), 0.0f, colours::live,
                                      area.getRight(), 0.0f, false);
        gradient.addColour(proportion(-12.0f), colours::direct);
        gradient.addColour(proportion(-6.0f), colours::relay);
        g.setGradientFill(gradient);
        g.fillRect(area.withWidth(rmsWidth).reduced(0.0f, 2.0f));
    }
    if (peak > kFloorDb)
    {
        g.setColour(zoneColour(peak));
        g.fillRect(area.getX() + width * proportion(peak) - 1.0f, area.getY(), 2.0f,
                   area.getHeight());
    }
    if (held > kFloorDb)
    {
        g.setColour(zoneColour(held).withAlpha(0.7f));
        g.fillRect(area.getX() + width * proportion(held) - 1.0f, area.getY(), 2.0f,
                   area.getHeight());
    }
}

} // namespace dragoman::ui
