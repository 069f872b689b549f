#include "MessageSection.h"

#include "ui/widgets/Theme.h"

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
constexpr int kTitle = 22;
constexpr int kKeys = 58;
constexpr int kLine = 36;

juce::String wording(const Message& m)
{
    const auto from = juce::String(m.from.rfind("seat:", 0) == 0 ? m.from.substr(5) : m.from);
    if (m.kind == "slow-down")
        return from + ": slow down";
    if (m.kind == "call-technician")
        return from + ": calls the technician";
    if (m.kind == "handover-request")
        return from + ": handover?";
    if (m.kind == "handover-accept")
        return from + ": handover agreed";
    return from + ": " + juce::String::fromUTF8(m.text.c_str());
}
} // namespace

MessageSection::MessageSection(BoothActions& boothActions) : actions(boothActions)
{
    slowDown.setDetail("anonymous");
    slowDown.onPress = [this]
    {
        actions.slowDown();
    };
    callTechnician.setDetail("to the control room");
    callTechnician.onPress = [this]
    {
        actions.callTechnician();
    };
    for (auto* key : {&slowDown, &callTechnician})
    {
        key->setTitleHeight(19.0f);
        addAndMakeVisible(*key);
    }
    line.setTextToShowWhenEmpty("message...", textDim);
    line.setFont(ui::Theme::font(16.0f));
    line.onReturnKey = [this]
    {
        send(partnerAddress.empty() ? "technician" : partnerAddress);
    };
    sendTechnician.onClick = [this]
    {
        send("technician");
    };
    sendPartner.onClick = [this]
    {
        send(partnerAddress);
    };
    for (auto* b : {&sendTechnician, &sendPartner})
        b->setWantsKeyboardFocus(false);
    addAndMakeVisible(line);
    addAndMakeVisible(sendTechnician);
    addAndMakeVisible(sendPartner);
}

void MessageSection::send(const std::string& to)
{
    if (to.empty())
        return;
    actions.sendText(to, line.getText().toStdString());
    line.clear();
}

void MessageSection::refresh(const BoothModel& model)
{
    const auto partner = model.handoverPartner();
    partnerAddress = partner.empty() ? std::string() : "seat:" + partner;
    sendPartner.setEnabled(!partner.empty());
    lines.clear();
    for (auto it = model.messages().rbegin(); it != model.messages().rend(); ++it)
        lines.add(wording(*it));
    repaint();
}

void MessageSection::resized()
{
    auto area = getLocalBounds();
    area.removeFromTop(kTitle);
    auto keys = area.removeFromTop(kKeys);
    slowDown.setBounds(keys.removeFromLeft(keys.getWidth() / 2));
    callTechnician.setBounds(keys);
    auto entry = area.removeFromBottom(kLine).reduced(2, 2);
    sendPartner.setBounds(entry.removeFromRight(86));
    sendTechnician.setBounds(entry.removeFromRight(72));
    line.setBounds(entry.withTrimmedRight(4));
}

void MessageSection::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    g.setColour(textDim);
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawText("MESSAGES", area.removeFromTop(kTitle).reduced(4, 0),
               juce::Justification::centredLeft);
    area.removeFromTop(kKeys);
    area.removeFromBottom(kLine);
    g.setColour(panel);
    g.fillRect(area.reduced(2, 2));
    g.setFont(ui::Theme::font(15.0f));
    auto list = area.reduced(8, 4);
    for (const auto& text : lines)
    {
        if (list.getHeight() < 18)
            break;
        g.setColour(ui::colours::text);
        g.drawFittedText(text, list.removeFromTop(19), juce::Justification::centredLeft, 1);
    }
    if (lines.isEmpty())
    {
        g.setColour(textDim);
        g.drawText("no messages", list, juce::Justification::centredLeft);
    }
}

} // namespace dragoman::booth
