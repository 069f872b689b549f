#include "views/ConnectionBar.h"

#include "ui/widgets/LabelTypesetter.h"
#include "ui/widgets/Theme.h"

#include <algorithm>

namespace dragoman::console
{

using namespace dragoman::ui;

ConnectionBar::ConnectionBar(const ConsoleModel& shownModel, ConsoleActions& sentActions,
                             juce::String urlText)
    : model(shownModel), actions(sentActions), url(std::move(urlText))
{
    floorLanguage.setTooltip(
        "The language the speaker uses now: the booths' auto-relay follows it");
    floorLanguage.onChange = [this]
    {
        const int id = floorLanguage.getSelectedId();
        if (id > 0 && static_cast<std::size_t>(id) <= languages.size())
            this->actions.setFloorLanguage(languages[static_cast<std::size_t>(id - 1)]);
    };
    addAndMakeVisible(floorLanguage);
}

void ConnectionBar::update()
{
    // The floor can speak any channel's language.
    std::vector<std::string> known;
    for (const auto& channel : model.state().channels)
        if (!channel.language.empty() &&
            std::find(known.begin(), known.end(), channel.language) == known.end())
            known.push_back(channel.language);
    if (known != languages)
    {
        languages = known;
        floorLanguage.clear(juce::dontSendNotification);
        for (std::size_t i = 0; i < languages.size(); ++i)
            floorLanguage.addItem("floor: " + juce::String(languages[i]), static_cast<int>(i) + 1);
    }
    const auto found = std::find(languages.begin(), languages.end(), model.state().floorLanguage);
    floorLanguage.setSelectedId(
        found == languages.end() ? 0 : static_cast<int>(found - languages.begin()) + 1,
        juce::dontSendNotification);
    repaint();
}

juce::String ConnectionBar::statusText() const
{
    if (model.connected())
        return "Connected  " + url;
    return "Reconnecting to " + url + "  (" + juce::String(model.connectionText()) + ")";
}

juce::StringArray ConnectionBar::healthNumbers() const
{
    const auto& engine = model.state().engine;
    const auto uptime = static_cast<int>(engine.uptimeSeconds);
    return {"CPU " + juce::String(juce::roundToInt(engine.cpu * 100.0)) + " %",
            "xruns " + juce::String(engine.xruns),
            "up " + juce::String::formatted("%d:%02d:%02d", uptime / 3600, (uptime / 60) % 60,
                                            uptime % 60),
            "clients " + juce::String(model.state().clients)};
}

juce::String ConnectionBar::healthText() const
{
    if (!model.hasState())
        return {};
    const auto& engine = model.state().engine;
    return juce::String(engine.running ? "audio running" : "AUDIO STOPPED") + "  " +
           juce::String(engine.hostApi) + "   " + healthNumbers().joinIntoString("   ");
}

namespace
{
constexpr int kFloorWidth = 130;
constexpr int kBadgeWidth = 110;
constexpr int kGap = 10;
constexpr int kNumberGap = 14;

// The session's name may be in any script ("ШОС, Астана", "上海合作组织").
LabelStyle sessionStyle()
{
    return {.height = 17.0f,
            .bold = true,
            .minimumHeight = 13.0f,
            .justification = juce::Justification::bottomLeft};
}

juce::Font statusFont()
{
    return Theme::font(12.0f);
}

juce::Font healthFont()
{
    return Theme::font(13.0f);
}
} // namespace

ConnectionBar::Layout ConnectionBar::layout() const
{
    // The session's name and the URL take what they need, up to 40 % of the bar; the floor
    // selector follows them, the alarm badge is at the right edge and the health gets the rest.
    auto area = getLocalBounds().reduced(kGap, 0);
    const auto session = model.hasState()
                             ? juce::String::fromUTF8(model.state().sessionName.c_str())
                             : juce::String("Dragoman Console");
    const int needed = 22 + juce::jmax(juce::roundToInt(labelWidth(session, sessionStyle())),
                                       statusFont().getStringWidth(statusText()));
    Layout parts;
    parts.session = area.removeFromLeft(juce::jmin(needed, getWidth() * 2 / 5));
    area.removeFromLeft(kGap);
    parts.floor = area.removeFromLeft(kFloorWidth).reduced(0, 6);
    parts.badge = area.removeFromRight(kBadgeWidth).reduced(0, 7);
    area.removeFromRight(kGap);
    parts.health = area.withTrimmedLeft(kGap + 4);
    return parts;
}

juce::Rectangle<int> ConnectionBar::hostApiBounds() const
{
    if (!model.hasState())
        return {};
    // Right-aligned beside the numbers; shortened when the numbers and "audio running" leave
    // less room than the name needs.
    auto health = layout().health;
    for (const auto& number : healthNumbers())
        health.removeFromRight(healthFont().getStringWidth(number) + kNumberGap);
    const auto& engine = model.state().engine;
    const int running =
        healthFont().getStringWidth(engine.running ? "audio running" : "AUDIO STOPPED") + kGap;
    const int wanted = healthFont().getStringWidth(juce::String(engine.hostApi)) + 2;
    return health.removeFromRight(
        juce::jlimit(0, juce::jmax(0, health.getWidth() - running), wanted));
}

void ConnectionBar::resized()
{
    floorLanguage.setBounds(layout().floor);
}

void ConnectionBar::paint(juce::Graphics& g)
{
    g.fillAll(colours::background);
    g.setColour(colours::grid);
    g.fillRect(getLocalBounds().removeFromBottom(1));
    const auto parts = layout();

    const bool up = model.connected();
    auto left = parts.session;
    g.setColour(up ? colours::direct : colours::fault);
    g.fillEllipse(left.removeFromLeft(14).withSizeKeepingCentre(12, 12).toFloat());
    left.removeFromLeft(8);
    g.setColour(colours::text);
    const juce::String session = model.hasState()
                                     ? juce::String::fromUTF8(model.state().sessionName.c_str())
                                     : juce::String("Dragoman Console");
    drawLabel(g, session, left.removeFromTop(getHeight() / 2 + 4).toFloat(), sessionStyle());
    g.setFont(statusFont());
    g.setColour(up ? colours::textDim : colours::fault);
    g.drawText(statusText(), left, juce::Justification::topLeft, true);

    // Alarm count at the right edge, red while any alarm waits for acknowledgement.
    const int waiting = model.unacknowledgedAlarms();
    g.setColour(waiting > 0 ? colours::fault : colours::panelRaised);
    g.fillRoundedRectangle(parts.badge.toFloat(), 5.0f);
    g.setColour(waiting > 0 ? juce::Colours::black : colours::textDim);
    g.setFont(Theme::font(14.0f, true));
    g.drawText(waiting > 0 ? juce::String(waiting) + (waiting == 1 ? " ALARM" : " ALARMS")
                           : juce::String("no alarms"),
               parts.badge, juce::Justification::centred);

    if (!model.hasState())
        return;
    // Health: the numbers from the right, each whole; the host API's name takes what is left.
    const auto& engine = model.state().engine;
    auto health = parts.health;
    g.setFont(healthFont());
    const auto numbers = healthNumbers();
    for (int i = numbers.size() - 1; i >= 0; --i)
    {
        const bool xruns = i == 1 && engine.xruns > 0;
        g.setColour(xruns ? colours::warning : colours::textDim);
        g.drawText(numbers[i], health.removeFromRight(healthFont().getStringWidth(numbers[i]) + 2),
                   juce::Justification::centredRight);
        health.removeFromRight(kNumberGap - 2);
    }
    const auto host = hostApiBounds();
    g.setColour(colours::textDim);
    g.drawText(juce::String(engine.hostApi), host, juce::Justification::centredLeft, true);
    const juce::String running = engine.running ? "audio running" : "AUDIO STOPPED";
    g.setColour(engine.running ? colours::textDim : colours::fault);
    g.drawText(running, health.withRight(host.getX() - kGap), juce::Justification::centredRight);
}

} // namespace dragoman::console
