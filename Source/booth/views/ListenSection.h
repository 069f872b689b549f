#pragma once
// What the interpreter hears: the floor (with the floor's language) and a preselect key for every
// channel the booth could relay from, each showing whether that channel is live now and its
// relay depth (direct, + relay, double relay), plus AUTO (the engine's auto-relay).
// Message thread only.

#include "model/BoothActions.h"
#include "views/BoothKey.h"

#include <memory>
#include <vector>

namespace dragoman::booth
{

class ListenSection : public juce::Component
{
public:
    explicit ListenSection(BoothActions& actions);

    void refresh(const BoothModel& model);
    void resized() override;
    void paint(juce::Graphics& g) override;

    // Keys by source word: "auto", "floor" or a channel id.
    BoothKey* key(const std::string& source);
    int keyCount() const { return static_cast<int>(keys.size()); }

private:
    BoothActions& actions;
    std::vector<std::string> sources;
    std::vector<std::unique_ptr<BoothKey>> keys;
};

} // namespace dragoman::booth
