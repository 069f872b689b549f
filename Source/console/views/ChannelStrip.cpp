#include "views/ChannelStrip.h"

#include "ui/widgets/LabelTypesetter.h"
#include "ui/widgets/Theme.h"

#include <cmath>

namespace dragoman::console
{

using namespace dragoman::ui;

ChannelStrip::ChannelStrip(ConsoleActions& sentActions, std::string channelId)
    : actions(sentActions), id(std::move(channelId))
{
    floorChannel = id == "floor";
    addAndMakeVisible(depth);
    addAndMakeVisible(meter);
    idleButton.setTooltip("What the channel carries while nobody holds it (click to change)");
    idleButton.onClick = [this]
    {
        this->actions.setChannelIdle(id, idle == "floor" ? "silence" : "floor");
    };
    monitorButton.setTooltip("Listen to this channel on the technician's monitor");
    monitorButton.setClickingTogglesState(false);
    monitorButton.onClick = [this]
    {
        this->actions.setMonitor(monitored ? "off" : (floorChannel ? "floor" : "channel:" + id));
    };
    if (!floorChannel)
        addAndMakeVisible(idleButton);
    addAndMakeVisible(monitorButton);
}

void ChannelStrip::setChannel(const ChannelState& channel, bool isMonitored)
{
    title = juce::String(channel.id).toUpperCase();
    name = juce::String::fromUTF8(channel.name.c_str()); // "Chinese 中文": ui::drawLabel shapes it
    if (name.equalsIgnoreCase(title) || name.equalsIgnoreCase("floor"))
        name = {}; // "FLOOR Floor" says it twice
    live = !channel.holder.empty();
    silent = channel.carries == "silence";
    if (floorChannel)
        holder = "floor " + juce::String(channel.language);
    else if (live)
        holder = juce::String(channel.holder) +
                 (channel.holders > 1 ? " +" + juce::String(channel.holders - 1) : "");
    else if (channel.passThrough)
        holder = "pass-through";
    else
        holder = silent ? "silence" : "idle: floor";
    depth.setDepth(channel.depth, channel.depthLabel);
    listeners = channel.stream.present ? juce::String(channel.stream.listeners) : juce::String("-");
    const auto hadLoss = loss.isNotEmpty();
    loss = channel.stream.present && channel.stream.lossPercent > 0.05
               ? juce::String(channel.stream.lossPercent, 1) + " % loss"
               : juce::String();
    if (hadLoss != loss.isNotEmpty())
        resized(); // the meter makes room for the loss
    idle = channel.idle;
    idleButton.setButtonText("idle " + juce::String(idle));
    monitored = isMonitored;
    monitorButton.setToggleState(monitored, juce::dontSendNotification);
    repaint();
}

void ChannelStrip::setMeter(const ChannelMeter& level)
{
    meter.setLevels(level.rmsDb, level.peakDb);
    loudness =
        std::isfinite(level.lufs) ? juce::String(level.lufs, 1) + " LUFS" : juce::String("- LUFS");
    repaint();
}

void ChannelStrip::setSelected(bool isSelected)
{
    if (selected != isSelected)
    {
        selected = isSelected;
        repaint();
    }
}

void ChannelStrip::resized()
{
    auto area = getLocalBounds().reduced(8, 5);
    auto top = area.removeFromTop(22);
    area.removeFromTop(3);
    auto bottom = area;
    top.removeFromLeft(52 + kNameWidth); // id and name are painted
    monitorButton.setBounds(top.removeFromRight(30));
    top.removeFromRight(6);
    depth.setBounds(top.removeFromRight(100));
    bottom.removeFromLeft(44);
    if (!floorChannel)
        idleButton.setBounds(bottom.removeFromRight(100).withHeight(20));
    bottom.removeFromRight(6);
    bottom.removeFromRight(118); // listeners and LUFS are painted
    if (loss.isNotEmpty())
        bottom.removeFromRight(kLossWidth);
    meter.setBounds(bottom.withHeight(14).withY(bottom.getY() + 3));
}

void ChannelStrip::paint(juce::Graphics& g)
{
    auto area = getLocalBounds().reduced(2, 2);
    g.setColour(selected ? colours::panelRaised.brighter(0.12f) : colours::panelRaised);
    g.fillRoundedRectangle(area.toFloat(), 4.0f);
    if (selected)
    {
        g.setColour(colours::accent);
        g.drawRoundedRectangle(area.toFloat().reduced(0.5f), 4.0f, 1.5f);
    }
    // A red edge for a live channel: the same signal as the matrix.
    g.setColour(live ? colours::live
                     : (silent ? colours::silence : colours::floorFeed.withAlpha(0.5f)));
    g.fillRect(area.removeFromLeft(4));

    auto inner = getLocalBounds().reduced(8, 5);
    auto top = inner.removeFromTop(22);
    g.setColour(colours::text);
    g.setFont(Theme::font(18.0f, true));
    g.drawFittedText(title, top.removeFromLeft(52), juce::Justification::centredLeft, 1, 0.7f);
    g.setColour(colours::textDim);
    drawLabel(g, name, top.removeFromLeft(kNameWidth).toFloat().withTrimmedRight(4.0f),
              {.height = 13.0f, .minimumHeight = 11.0f});

    // The live seat, large and red: the first thing a technician looks for.
    auto holderArea = top.withTrimmedRight(140);
    if (live)
    {
        g.setColour(colours::live);
        g.fillEllipse(holderArea.removeFromLeft(12).withSizeKeepingCentre(10, 10).toFloat());
        holderArea.removeFromLeft(4);
    }
    g.setColour(live ? colours::text : colours::textDim);
    g.setFont(Theme::font(15.0f, live));
    g.drawText(holder, holderArea, juce::Justification::centredLeft, true);

    inner.removeFromTop(3);
    auto bottom = inner;
    bottom.removeFromLeft(44);
    if (!floorChannel)
        bottom.removeFromRight(100);
    bottom.removeFromRight(6);
    auto numbers = bottom.removeFromRight(118);
    g.setFont(Theme::font(13.0f));
    g.setColour(colours::textDim);
    g.drawText(loudness, numbers.removeFromLeft(68), juce::Justification::centredRight);
    g.setColour(loss.isEmpty() ? colours::text : colours::warning);
    g.drawText(listeners + " rx", numbers, juce::Justification::centredRight);
    if (loss.isNotEmpty())
    {
        g.setColour(colours::warning);
        g.setFont(Theme::font(12.0f, true));
        g.drawText(loss, bottom.removeFromRight(kLossWidth), juce::Justification::centredRight);
    }
}

} // namespace dragoman::console
