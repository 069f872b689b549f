#pragma once
// The booth's messages: SLOW DOWN (anonymous to the technician and chair), CALL TECHNICIAN,
// a line of text to the technician or the partner, and the last messages received.
// Message thread only.

#include "model/BoothActions.h"
#include "views/BoothKey.h"

namespace dragoman::booth
{

class MessageSection : public juce::Component
{
public:
    explicit MessageSection(BoothActions& actions);

    void refresh(const BoothModel& model);
    void resized() override;
    void paint(juce::Graphics& g) override;

    BoothKey& slowDownKey() { return slowDown; }
    BoothKey& technicianKey() { return callTechnician; }
    juce::TextEditor& editor() { return line; }
    juce::TextButton& toTechnician() { return sendTechnician; }
    juce::TextButton& toPartner() { return sendPartner; }
    const juce::StringArray& shownLines() const { return lines; }

private:
    void send(const std::string& to);

    BoothActions& actions;
    BoothKey slowDown{"SLOW DOWN"}, callTechnician{"CALL TECH"};
    juce::TextEditor line;
    juce::TextButton sendTechnician{"to Tech"}, sendPartner{"to Partner"};
    juce::StringArray lines;
    std::string partnerAddress;
};

} // namespace dragoman::booth
