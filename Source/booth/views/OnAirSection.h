#pragma once
// The interpreter's own voice: the microphone key (huge, red while on air), the cough key (mutes
// while held), the output keys A/B/C with the language each feeds, the engaged indicator when
// another booth holds the channel, and the line that says what the interlock refused and why.
// Message thread only.

#include "model/BoothActions.h"
#include "views/BoothKey.h"

#include <array>

namespace dragoman::booth
{

class OnAirSection : public juce::Component
{
public:
    explicit OnAirSection(BoothActions& actions);

    void refresh(const BoothModel& model);
    void resized() override;
    void paint(juce::Graphics& g) override;

    BoothKey& micKey() { return mic; }
    BoothKey& coughKey() { return coughKeyComponent; }
    BoothKey& outputKey(int slot) { return outputs[static_cast<std::size_t>(slot)]; }
    const juce::String& engagedText() const { return engaged; }
    const juce::String& refusalText() const { return refusal; }

private:
    BoothActions& actions;
    BoothKey mic{"MIC"};
    BoothKey coughKeyComponent{"COUGH"};
    std::array<BoothKey, 3> outputs;
    int outputCount = 1;
    juce::String engaged, refusal;
};

} // namespace dragoman::booth
