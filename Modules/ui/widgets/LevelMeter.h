#pragma once
// A horizontal level meter: RMS as a bar, peak as a line, and a short peak hold, on a dBFS scale
// from -60 to 0 with the trade's colour zones (green speech, amber loud, red near clipping).
// Message thread only: setLevels() is called when a `meters` notification has been applied.

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::ui
{

class LevelMeter : public juce::Component
{
public:
    static constexpr float kFloorDb = -60.0f;

    // dBFS; anything below kFloorDb (or -inf) shows as empty.
    void setLevels(float rmsDb, float peakDb);
    float rmsDb() const { return rms; }
    float peakDb() const { return peak; }

    void paint(juce::Graphics& g) override;

private:
    float rms = -200.0f;
    float peak = -200.0f;
    float held = -200.0f;
    juce::uint32 heldAt = 0;
};

} // namespace dragoman::ui
