#include "views/AlarmList.h"

#include "ui/widgets/Theme.h"
#include "views/LabelLines.h"

#include <algorithm>

namespace dragoman::console
{

using namespace dragoman::ui;

juce::String alarmKindText(const std::string& kind)
{
    if (kind == "silent-channel")
        return "SILENT";
    if (kind == "clipping")
        return "CLIPPING";
    if (kind == "limiter")
        return "LIMITER";
    if (kind == "exposure")
        return "EXPOSURE";
    if (kind == "relay-cycle")
        return "RELAY CYCLE";
    if (kind == "receiver-loss")
        return "RX LOSS";
    if (kind == "device")
        return "DEVICE";
    return juce::String(kind).toUpperCase();
}

namespace
{
juce::String clockOf(const std::string& iso)
{
    const auto t = iso.find('T');
    return t == std::string::npos ? juce::String(iso) : juce::String(iso.substr(t + 1, 8));
}
} // namespace

AlarmList::AlarmList(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
}

void AlarmList::update()
{
    const auto& alarms = model.alarms();
    order.clear();
    for (std::size_t i = 0; i < alarms.size(); ++i)
        order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b)
                     {
                         const auto& x = alarms[a];
                         const auto& y = alarms[b];
                         if (x.active() != y.active())
                             return x.active();
                         if ((x.active() && !x.acked) != (y.active() && !y.acked))
                             return x.active() && !x.acked;
                         return x.id > y.id;
                     });
    repaint();
}

const Alarm& AlarmList::alarmAt(int row) const
{
    return model.alarms()[order[static_cast<std::size_t>(row)]];
}

bool AlarmList::acknowledgeOldest()
{
    const Alarm* oldest = nullptr;
    for (const auto& alarm : model.alarms())
        if (alarm.active() && !alarm.acked && (oldest == nullptr || alarm.id < oldest->id))
            oldest = &alarm;
    if (oldest == nullptr)
        return false;
    actions.acknowledgeAlarm(oldest->id);
    return true;
}

juce::Rectangle<int> AlarmList::ackBounds(int row) const
{
    if (row < 0 || row >= rows())
        return {};
    const auto& alarm = alarmAt(row);
    if (!alarm.active() || alarm.acked)
        return {};
    return {getWidth() - 76, 6 + row * kRowHeight + 9, 64, 28};
}

void AlarmList::mouseDown(const juce::MouseEvent& event)
{
    for (int row = 0; row < rows(); ++row)
        if (ackBounds(row).contains(event.getPosition()))
        {
            actions.acknowledgeAlarm(alarmAt(row).id);
            return;
        }
}

void AlarmList::paint(juce::Graphics& g)
{
    g.fillAll(colours::panel);
    if (order.empty())
    {
        g.setColour(colours::direct);
        g.setFont(Theme::font(16.0f));
        g.drawText("No alarms.", getLocalBounds(), juce::Justification::centred);
        return;
    }
    for (int row = 0; row < rows(); ++row)
    {
        const auto& alarm = alarmAt(row);
        auto area = juce::Rectangle<int>(6, 6 + row * kRowHeight, getWidth() - 12, kRowHeight - 4);
        if (area.getY() > getHeight())
            break;
        const bool urgent = alarm.active() && !alarm.acked;
        g.setColour(urgent ? colours::fault.withAlpha(0.20f) : colours::panelRaised);
        g.fillRoundedRectangle(area.toFloat(), 4.0f);
        g.setColour(urgent ? colours::fault : (alarm.active() ? colours::warning : colours::grid));
        g.fillRect(area.removeFromLeft(5));
        area.removeFromLeft(8);

        auto left = area.removeFromLeft(96);
        g.setFont(Theme::font(12.0f, true));
        g.setColour(alarm.active() ? colours::text : colours::textDim);
        g.drawText(alarmKindText(alarm.kind), left.removeFromTop(left.getHeight() / 2),
                   juce::Justification::bottomLeft);
        g.setFont(Theme::mono(12.0f));
        g.setColour(colours::textDim);
        g.drawText(clockOf(alarm.raisedAt), left, juce::Justification::topLeft);

        area.removeFromRight(80);
        g.setColour(alarm.active() ? colours::text : colours::textDim);
        juce::String text = juce::String::fromUTF8(alarm.text.c_str());
        if (!alarm.active())
            text << "  (cleared " << clockOf(alarm.clearedAt) << ")";
        else if (alarm.acked)
            text << "  (acknowledged)";
        // The text names channels in their own scripts ("Chinese 中文 is clipping").
        drawLabelLines(g, text, area.toFloat(),
                       {.height = 14.0f, .bold = urgent, .minimumHeight = 12.0f}, 2);

        if (const auto ack = ackBounds(row); !ack.isEmpty())
        {
            g.setColour(colours::fault);
            g.fillRoundedRectangle(ack.toFloat(), 4.0f);
            g.setColour(juce::Colours::black);
            g.setFont(Theme::font(14.0f, true));
            g.drawText("Ack", ack, juce::Justification::centred);
        }
    }
}

} // namespace dragoman::console
