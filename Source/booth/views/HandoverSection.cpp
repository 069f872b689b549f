#include "HandoverSection.h"

#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
constexpr int kTitle = 22;
constexpr int kStatus = 64;
} // namespace

HandoverSection::HandoverSection(BoothActions& boothActions) : actions(boothActions)
{
    request.onPress = [this]
    {
        actions.requestHandover();
    };
    accept.onPress = [this]
    {
        actions.acceptHandover();
    };
    now.onPress = [this]
    {
        actions.handoverNow();
    };
    now.setDetail("[H]");
    for (auto* key : {&request, &accept, &now})
    {
        key->setTitleHeight(19.0f);
        addAndMakeVisible(*key);
    }
}

void HandoverSection::refresh(const BoothModel& model)
{
    const auto* seat = model.seat();
    selfLive = seat && seat->live;
    const auto live = model.livePartner();
    partnerLive = !live.empty();
    const auto who = model.handoverPartner();
    partner = who.empty() ? juce::String("no partner in this booth")
                          : juce::String(who) + (partnerLive ? "  LIVE" : "  off");
    const auto& negotiation = model.handover();
    stage = negotiation.describe(selfLive);
    timer = (selfLive      ? "Your turn "
             : partnerLive ? "Partner's turn "
                           : "Nobody live ") +
            clockText(model.turnSeconds());

    const bool canNow = Handover::canTakeOver(selfLive, partnerLive);
    request.setEnabledLook(negotiation.canRequest() && !who.empty());
    request.setLit(negotiation.stage() == HandoverStage::requested, accent);
    accept.setEnabledLook(negotiation.canAccept());
    accept.setLit(negotiation.canAccept(), relay);
    now.setEnabledLook(canNow);
    now.setLit(canNow && negotiation.stage() == HandoverStage::agreed, direct);
    repaint();
}

void HandoverSection::resized()
{
    auto keys = getLocalBounds();
    keys.removeFromTop(kTitle + kStatus);
    const int w = keys.getWidth() / 3;
    request.setBounds(keys.removeFromLeft(w));
    accept.setBounds(keys.removeFromLeft(w));
    now.setBounds(keys);
}

void HandoverSection::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    auto title = area.removeFromTop(kTitle).reduced(4, 0);
    g.setColour(textDim);
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawText("HANDOVER", title, juce::Justification::centredLeft);
    g.setColour(text);
    g.setFont(ui::Theme::mono(17.0f));
    g.drawText(timer, title, juce::Justification::centredRight);

    auto status = area.removeFromTop(kStatus).reduced(2, 2);
    auto partnerLine = status.removeFromTop(30);
    g.setColour(partnerLive ? live : panelRaised);
    g.fillRoundedRectangle(partnerLine.toFloat(), 5.0f);
    g.setColour(partnerLive ? juce::Colour(0xff101010) : text);
    g.setFont(ui::Theme::font(17.0f, true));
    g.drawText("Partner " + partner, partnerLine.reduced(8, 0), juce::Justification::centredLeft);
    g.setColour(stage.isEmpty() ? textDim : relay);
    g.setFont(ui::Theme::font(14.0f, stage.isNotEmpty()));
    g.drawFittedText(stage.isEmpty() ? juce::String("REQUEST, the partner ACCEPTs, the taker "
                                                    "presses NOW")
                                     : stage,
                     status.reduced(4, 0), juce::Justification::centredLeft, 2);
}

} // namespace dragoman::booth
