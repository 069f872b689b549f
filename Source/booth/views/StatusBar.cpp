#include "StatusBar.h"

#include "ui/widgets/LabelTypesetter.h"
#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
constexpr double kLimitingAboveDb = 0.5; // as the headphones' limiter lamp

struct Lamp
{
    const char* words;
    juce::Colour colour;
};

// The worst thing first: no sound card, no feed, no microphone leaving, heavy loss.
Lamp remoteLampOf(const RemoteLinkView& link)
{
    if (!link.audioRunning)
        return {"AUDIO DEVICE STOPPED", fault};
    if (!link.receiving)
        return {"REMOTE: NO FEED", fault};
    if (!link.sending)
        return {"REMOTE: MIC NOT SENT", fault};
    if (!link.healthy())
        return {"REMOTE: LOSSY", warning};
    return {"REMOTE OK", direct};
}
} // namespace

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

    const auto& link = model.remoteLink();
    remote = link.active;
    remoteLamp = {};
    remoteFigures = {};
    remoteLimiter = {};
    if (remote)
    {
        const Lamp lamp = remoteLampOf(link);
        remoteLamp = lamp.words;
        remoteColour = lamp.colour;
        remoteLimiting = link.limiterReductionDb > kLimitingAboveDb;
        remoteFigures << "loss " << juce::String(link.lossPercent, 1) << " %    jitter "
                      << juce::String(link.jitterMs, 1) << " ms    buffer "
                      << juce::String(link.bufferDelayMs, 1) << " ms";
        remoteLimiter << "your limiter "
                      << (remoteLimiting ? "-" + juce::String(link.limiterReductionDb, 1) + " dB"
                                         : "idle")
                      << "    " << juce::roundToInt(link.leqSpl) << " dB SPL (60 s)";
    }
    repaint();
}

void StatusBar::paint(juce::Graphics& g)
{
    auto area = getLocalBounds();
    g.setColour(panel);
    g.fillRect(area);
    auto line = area.removeFromTop(kLineHeight).reduced(10, 0);
    auto state = line.removeFromRight(connected ? 130 : 360).reduced(0, 7);
    g.setColour(connected ? direct.withAlpha(0.25f) : fault);
    g.fillRoundedRectangle(state.toFloat(), 5.0f);
    g.setColour(connected ? direct : juce::Colour(0xff101010));
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawFittedText(connection, state.reduced(6, 0), juce::Justification::centred, 1);

    auto count = line.removeFromRight(170);
    g.setColour(text);
    g.setFont(ui::Theme::font(18.0f, true));
    g.drawText(listeners, count, juce::Justification::centred);

    // The channel's name may be in any script: the shared typesetter draws it.
    ui::drawLabel(g, identity, line.toFloat(),
                  {.height = 20.0f, .bold = true, .minimumHeight = 15.0f});

    if (remote)
        paintRemote(g, area.reduced(10, 0));
}

void StatusBar::paintRemote(juce::Graphics& g, juce::Rectangle<int> area)
{
    g.setColour(grid);
    g.drawHorizontalLine(area.getY(), static_cast<float>(area.getX()),
                         static_cast<float>(area.getRight()));
    auto lamp = area.removeFromLeft(200).reduced(0, 4);
    const bool ok = remoteColour == direct;
    g.setColour(ok ? direct.withAlpha(0.25f) : remoteColour);
    g.fillRoundedRectangle(lamp.toFloat(), 5.0f);
    g.setColour(ok ? direct : juce::Colour(0xff101010));
    g.setFont(ui::Theme::font(14.0f, true));
    g.drawFittedText(remoteLamp, lamp.reduced(6, 0), juce::Justification::centred, 1);
    area.removeFromLeft(12);
    g.setFont(ui::Theme::font(15.0f, true));
    g.setColour(text);
    g.drawFittedText(remoteFigures, area.removeFromLeft(area.getWidth() / 2),
                     juce::Justification::centredLeft, 1);
    // The headset's limiter in the lamp's amber while it acts.
    g.setColour(remoteLimiting ? ui::colours::warning : textDim);
    g.drawFittedText(remoteLimiter, area, juce::Justification::centredLeft, 1);
}

} // namespace dragoman::booth
