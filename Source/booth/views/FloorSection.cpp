#include "FloorSection.h"

#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

void FloorSection::refresh(const BoothModel& model)
{
    quality = model.state().floor;
    language = languageTag(model.state().floorLanguage);
    peakDb = model.floorPeakDb();
    const bool measured = quality.known && quality.bandwidthHz > 0.0;
    bandwidth = measured ? juce::String(quality.bandwidthHz / 1000.0, 1) + " kHz" : "-";
    isPoor = measured && quality.bandwidthHz < kPoorBelowHz;
    repaint();
}

void FloorSection::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    auto title = area.removeFromTop(22);
    g.setColour(textDim);
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawText("FLOOR SOUND", title.reduced(4, 0), juce::Justification::centredLeft);
    g.setColour(floorFeed);
    g.drawText("speaks " + language, title.reduced(4, 0), juce::Justification::centredRight);

    // Level bar: -60..0 dBFS, the colour of the floor; red when it clips.
    auto bar = area.removeFromTop(22).reduced(4, 3);
    g.setColour(panelRaised);
    g.fillRoundedRectangle(bar.toFloat(), 3.0f);
    const double level = quality.known ? quality.levelDb : peakDb;
    const float fraction = static_cast<float>(juce::jlimit(0.0, 1.0, (level + 60.0) / 60.0));
    g.setColour(quality.clipping ? fault : floorFeed);
    g.fillRoundedRectangle(bar.toFloat().withWidth(static_cast<float>(bar.getWidth()) * fraction),
                           3.0f);

    auto row = area.reduced(4, 2);
    const int third = row.getWidth() / 3;
    const auto cell = [&](juce::String label, juce::String value, juce::Colour colour)
    {
        auto box = row.removeFromLeft(third).reduced(2, 0);
        g.setColour(textDim);
        g.setFont(ui::Theme::font(12.0f));
        g.drawText(label, box.removeFromTop(14), juce::Justification::centredLeft);
        g.setColour(colour);
        g.setFont(ui::Theme::font(19.0f, true));
        g.drawFittedText(value, box, juce::Justification::centredLeft, 1);
    };
    cell("level", quality.known ? juce::String(juce::roundToInt(quality.levelDb)) + " dB" : "-",
         text);
    cell("clipping", quality.clipping ? "CLIPS" : "no", quality.clipping ? fault : direct);
    cell("bandwidth", bandwidth + (isPoor ? " POOR" : ""), isPoor ? fault : direct);
}

} // namespace dragoman::booth
