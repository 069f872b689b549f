#include "StatusBar.h"

#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

void StatusBar::refresh(const BoothModel& model)
{
    const auto* seat = model.seat();
    const auto* channel = model.channel();
    identity = "Seat " + juce::String(model.seatId().empty() ? "?" : model.seatId());
    if (seat != nullptr)
        identity << "   Booth " << juce::String(seat->booth);
    if (channel != nullptr)
    {
        identity << "   Channel " << languageTag(channel->language) << " "
                 << juce::String(channel->name);
        if (channel->depth > 1 || channel->depth == -2) // what delegates hear is a relay
            identity << " (" << depthWord(channel->depth) << ")";
    }
    const int count = model.listeners();
    listeners = count < 0 ? juce::String("not streamed")
                          : juce::String(count) + (count == 1 ? " listener" : " listeners");
    connected = model.connected();
    connection =
        connected ? juce::String("ENGINE OK") : "OFFLINE: " + juce::String(model.connectionText());
    repaint();
}

void StatusBar::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    g.setColour(panel);
    g.fillRect(area);
    area = area.reduced(10, 0);
    auto state = area.removeFromRight(connected ? 130 : 360).reduced(0, 7);
    g.setColour(connected ? direct.withAlpha(0.25f) : fault);
    g.fillRoundedRectangle(state.toFloat(), 5.0f);
    g.setColour(connected ? direct : juce::Colour(0xff101010));
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawFittedText(connection, state.reduced(6, 0), juce::Justification::centred, 1);

    auto count = area.removeFromRight(170);
    g.setColour(text);
    g.setFont(ui::Theme::font(18.0f, true));
    g.drawText(listeners, count, juce::Justification::centred);

    g.setFont(ui::Theme::font(20.0f, true));
    g.drawText(identity, area, juce::Justification::centredLeft);
}

} // namespace dragoman::booth
