#pragma once
// The handover with the booth partner: the partner's live state always in view, the turn timer,
// and three keys: REQUEST (ask the partner), ACCEPT (agree to the partner's request) and NOW (the
// taker's key: one seat.handover call, so both microphones switch in the same audio block).
// Message thread only.

#include "model/BoothActions.h"
#include "views/BoothKey.h"

namespace dragoman::booth
{

class HandoverSection : public juce::Component
{
public:
    explicit HandoverSection(BoothActions& actions);

    void refresh(const BoothModel& model);
    void resized() override;
    void paint(juce::Graphics& g) override;

    BoothKey& requestKey() { return request; }
    BoothKey& acceptKey() { return accept; }
    BoothKey& nowKey() { return now; }
    const juce::String& partnerText() const { return partner; }
    const juce::String& stageText() const { return stage; }
    const juce::String& timerText() const { return timer; }

private:
    BoothActions& actions;
    BoothKey request{"REQUEST"}, accept{"ACCEPT"}, now{"NOW"};
    juce::String partner, stage, timer;
    bool partnerLive = false, selfLive = false;
};

} // namespace dragoman::booth
