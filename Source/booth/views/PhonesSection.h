#pragma once
// The interpreter's headphones: volume, bass and treble, and what the hearing protection is
// doing (limiter gain reduction now; the 60-second exposure warning at 80 dB SPL).
// Message thread only.

#include "model/BoothActions.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::booth
{

class PhonesSection : public juce::Component
{
public:
    explicit PhonesSection(BoothActions& actions);

    void refresh(const BoothModel& model);
    void resized() override;
    void paint(juce::Graphics& g) override;

    juce::Slider& volume() { return volumeSlider; }
    juce::Slider& bass() { return bassSlider; }
    juce::Slider& treble() { return trebleSlider; }
    const juce::String& warningText() const { return warning; }
    // The engine reports the limiter's reduction as a positive number of dB.
    bool limiting() const { return reductionDb > 0.5; }

private:
    void setUp(juce::Slider& slider, double low, double high, std::function<void(double)> send);

    BoothActions& actions;
    juce::Slider volumeSlider, bassSlider, trebleSlider;
    double reductionDb = 0.0, leqDbSpl = 0.0;
    juce::String warning;
};

} // namespace dragoman::booth
