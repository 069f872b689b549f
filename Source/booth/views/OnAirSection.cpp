#include "OnAirSection.h"

#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
const char* const kSlots[] = {"A", "B", "C"};
// Under the keys: the ENGAGED line, then the refusal in up to three lines of readable text.
constexpr int kEngagedHeight = 28;
constexpr int kLinesHeight = kEngagedHeight + 64;
} // namespace

OnAirSection::OnAirSection(BoothActions& boothActions) : actions(boothActions)
{
    mic.setTitleHeight(44.0f);
    mic.onPress = [this]
    {
        actions.toggleMic();
    };
    coughKeyComponent.setTitleHeight(24.0f);
    coughKeyComponent.setDetail("hold to mute");
    coughKeyComponent.onPress = [this]
    {
        actions.cough(true);
    };
    coughKeyComponent.onRelease = [this]
    {
        actions.cough(false);
    };
    addAndMakeVisible(mic);
    addAndMakeVisible(coughKeyComponent);
    for (int i = 0; i < 3; ++i)
    {
        auto& key = outputs[static_cast<std::size_t>(i)];
        key.setTitle(kSlots[i]);
        key.setTitleHeight(24.0f);
        key.onPress = [this, i]
        {
            actions.selectOutput(kSlots[i]);
        };
        addChildComponent(key);
    }
}

void OnAirSection::refresh(const BoothModel& model)
{
    const auto* seat = model.seat();
    const auto* booth = model.booth();
    const bool isLive = seat && seat->live;
    const bool onAir = seat && seat->onAir;
    const bool cough = seat && seat->cough;

    if (onAir)
        mic.setTitle("ON AIR");
    else if (isLive && cough)
        mic.setTitle("MUTED");
    else if (seat && seat->suspended)
        mic.setTitle("WAITING");
    else
        mic.setTitle("MIC OFF");
    mic.setLit(isLive, cough ? warning : live);
    const auto* channel = model.channel();
    mic.setDetail(channel ? "on " + languageTag(channel->language) + " - " +
                                juce::String(channel->name) + "   [Space]"
                          : juce::String("[Space]"));
    coughKeyComponent.setLit(cough, warning);

    outputCount = 0;
    for (int i = 0; i < 3; ++i)
    {
        auto& key = outputs[static_cast<std::size_t>(i)];
        std::string channelId;
        if (booth != nullptr)
            if (const auto it = booth->outputs.find(kSlots[i]); it != booth->outputs.end())
                channelId = it->second;
        const bool exists = !channelId.empty();
        key.setVisible(exists);
        if (!exists)
            continue;
        ++outputCount;
        const auto* c = model.findChannel(channelId);
        key.setTitle(juce::String(kSlots[i]) + "  " + languageTag(c ? c->language : channelId));
        key.setDetail(c ? juce::String(c->name) : juce::String(channelId));
        key.setLit(seat && seat->output == kSlots[i], direct);
    }

    const auto by = model.engagedBy();
    const auto* byBooth = by.empty() ? nullptr : model.findSeat(by);
    engaged = by.empty() ? juce::String()
                         : "ENGAGED by booth " + juce::String(byBooth ? byBooth->booth : "?") +
                               " (" + juce::String(by) + ")";
    refusal = model.refusal();
    resized();
    repaint();
}

void OnAirSection::resized()
{
    auto area = getLocalBounds();
    area.removeFromBottom(kLinesHeight);
    auto outputRow = area.removeFromBottom(64);
    const int visible = std::max(1, outputCount);
    const int w = outputRow.getWidth() / visible;
    for (auto& key : outputs)
        if (key.isVisible())
            key.setBounds(outputRow.removeFromLeft(w));
    area.removeFromBottom(6);
    coughKeyComponent.setBounds(area.removeFromBottom(72));
    area.removeFromBottom(6);
    mic.setBounds(area);
}

void OnAirSection::paint(juce::Graphics& g)
{
    auto lines = getLocalBounds().removeFromBottom(kLinesHeight).reduced(2, 2);
    auto engagedLine = lines.removeFromTop(kEngagedHeight);
    if (engaged.isNotEmpty())
    {
        g.setColour(fault);
        g.fillRoundedRectangle(engagedLine.toFloat(), 5.0f);
        g.setColour(juce::Colour(0xff101010));
        g.setFont(ui::Theme::font(16.0f, true));
        g.drawFittedText(engaged, engagedLine.reduced(6, 0), juce::Justification::centred, 1);
    }
    if (refusal.isNotEmpty())
    {
        g.setColour(warning);
        g.setFont(ui::Theme::font(16.0f, true));
        g.drawFittedText(refusal, lines.reduced(2, 0), juce::Justification::topLeft, 3, 1.0f);
    }
}

} // namespace dragoman::booth
