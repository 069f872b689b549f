#pragma once
// The floor as it reaches the booth: language, level, clipping and bandwidth, so that the
// interpreter can say "the sound is too poor to interpret" and point at a number. Under 7 kHz is
// marked poor (a telephone or a bad video link: 3.4 kHz), as interpreters need 125 Hz - 15 kHz.
// Message thread only.

#include "model/BoothModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::booth
{

class FloorSection : public juce::Component
{
public:
    static constexpr double kPoorBelowHz = 7000.0;

    void refresh(const BoothModel& model);
    void paint(juce::Graphics& g) override;

    // "12.5 kHz", or "-" before the engine has measured the floor.
    const juce::String& bandwidthText() const { return bandwidth; }
    bool poor() const { return isPoor; }
    bool clipping() const { return quality.clipping; }

private:
    FloorQuality quality;
    juce::String language, bandwidth;
    double peakDb = -120.0;
    bool isPoor = false;
};

} // namespace dragoman::booth
