#include "PhonesSection.h"

#include "ui/widgets/Theme.h"

#include <algorithm>
#include <cmath>

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
constexpr int kTitle = 22;
constexpr int kLabel = 70;
constexpr const char* kNames[] = {"VOLUME", "BASS", "TREBLE"};
} // namespace

PhonesSection::PhonesSection(BoothActions& boothActions) : actions(boothActions)
{
    setUp(volumeSlider, -60.0, 12.0, [this](double db) { actions.setVolume(db); });
    setUp(bassSlider, -12.0, 12.0, [this](double db) { actions.setBass(db); });
    setUp(trebleSlider, -12.0, 12.0, [this](double db) { actions.setTreble(db); });
}

void PhonesSection::setUp(juce::Slider& slider, double low, double high,
                          std::function<void(double)> send)
{
    slider.setSliderStyle(juce::Slider::LinearHorizontal);
    slider.setTextBoxStyle(juce::Slider::TextBoxRight, true, 64, 28);
    slider.setRange(low, high, 1.0);
    slider.setTextValueSuffix(" dB");
    slider.setColour(juce::Slider::trackColourId, floorFeed);
    slider.setColour(juce::Slider::thumbColourId, text);
    slider.setColour(juce::Slider::backgroundColourId, grid);
    slider.setColour(juce::Slider::textBoxOutlineColourId, juce::Colours::transparentBlack);
    slider.setWantsKeyboardFocus(false);
    // Only what the hand moves is sent; refresh() sets values without a notification.
    slider.onValueChange = [&slider, send = std::move(send)]
    {
        send(slider.getValue());
    };
    addAndMakeVisible(slider);
}

void PhonesSection::refresh(const BoothModel& model)
{
    const auto* seat = model.seat();
    if (seat == nullptr)
        return;
    for (auto [slider, value] :
         {std::pair{&volumeSlider, seat->volumeDb}, std::pair{&bassSlider, seat->bassDb},
          std::pair{&trebleSlider, seat->trebleDb}})
        if (!slider->isMouseButtonDown())
            slider->setValue(value, juce::dontSendNotification);
    // A remote seat's ears are behind two limiters, the engine's and the interpreter's own (at
    // the headset's calibration): the lamp and the warning show whichever acts.
    const auto& remote = model.remoteLink();
    reductionDb = std::max({seat->limiterDb, model.meterLimiterDb(), remote.limiterReductionDb});
    leqDbSpl = std::max(seat->leqDbSpl, remote.active ? remote.leqSpl : 0.0);
    warning = seat->exposureWarning || remote.exposureWarning
                  ? "EXPOSURE " + juce::String(juce::roundToInt(leqDbSpl)) + " dB SPL / 60 s"
                  : juce::String();
    repaint();
}

void PhonesSection::resized()
{
    auto area = getLocalBounds();
    area.removeFromTop(kTitle);
    area.removeFromBottom(30);
    const int h = area.getHeight() / 3;
    for (auto* slider : {&volumeSlider, &bassSlider, &trebleSlider})
        slider->setBounds(area.removeFromTop(h).withTrimmedLeft(kLabel).reduced(0, 4));
}

void PhonesSection::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    g.setColour(textDim);
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawText("HEADPHONES", area.removeFromTop(kTitle).reduced(4, 0),
               juce::Justification::centredLeft);
    auto status = area.removeFromBottom(30);
    const int h = area.getHeight() / 3;
    g.setColour(text);
    g.setFont(ui::Theme::font(15.0f, true));
    for (const auto* name : kNames)
        g.drawText(name, area.removeFromTop(h).removeFromLeft(kLabel).reduced(4, 0),
                   juce::Justification::centredLeft);

    // The limiter lamp and the exposure warning: amber and red on dark, never subtle.
    auto lamp = status.removeFromLeft(150).reduced(2, 3);
    const bool active = limiting();
    g.setColour(active ? ui::colours::warning : panelRaised);
    g.fillRoundedRectangle(lamp.toFloat(), 5.0f);
    g.setColour(active ? juce::Colour(0xff101010) : textDim);
    g.setFont(ui::Theme::font(14.0f, true));
    g.drawText(active ? "LIMITER -" + juce::String(reductionDb, 1) + " dB"
                      : juce::String("LIMITER"),
               lamp, juce::Justification::centred);
    status.removeFromLeft(6);
    if (warning.isNotEmpty())
    {
        auto box = status.reduced(0, 3);
        g.setColour(fault);
        g.fillRoundedRectangle(box.toFloat(), 5.0f);
        g.setColour(juce::Colour(0xff101010));
        g.setFont(ui::Theme::font(14.0f, true));
        g.drawFittedText(warning, box.reduced(4, 0), juce::Justification::centred, 1);
    }
    else
    {
        g.setColour(textDim);
        g.setFont(ui::Theme::font(14.0f));
        g.drawText("exposure " + juce::String(juce::roundToInt(leqDbSpl)) + " dB SPL (60 s)",
                   status, juce::Justification::centredLeft);
    }
}

} // namespace dragoman::booth
