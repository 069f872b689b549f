#include "ListenSection.h"

#include "ui/widgets/Theme.h"
#include "views/BoothWording.h"

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
constexpr int kTitle = 22;
}

ListenSection::ListenSection(BoothActions& boothActions) : actions(boothActions) {}

BoothKey* ListenSection::key(const std::string& source)
{
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (sources[i] == source)
            return keys[i].get();
    return nullptr;
}

void ListenSection::refresh(const BoothModel& model)
{
    std::vector<std::string> wanted{"auto"};
    for (const auto* c : model.listenChannels())
        wanted.push_back(c->id);
    if (wanted != sources)
    {
        // The session's channels change only with a new session: rebuild the keys then.
        keys.clear();
        sources = wanted;
        for (const auto& source : sources)
        {
            auto key = std::make_unique<BoothKey>();
            key->setTitleHeight(20.0f);
            key->onPress = [this, source]
            {
                actions.listen(source);
            };
            addAndMakeVisible(*key);
            keys.push_back(std::move(key));
        }
        resized();
    }

    const auto* seat = model.seat();
    for (std::size_t i = 0; i < sources.size(); ++i)
    {
        auto& key = *keys[i];
        const auto& source = sources[i];
        const bool selected = seat && seat->listen == source;
        // The key the seat actually hears through (auto picks one) is outlined by its dot colour.
        if (source == "auto")
        {
            key.setTitle("AUTO");
            const auto* heard = seat ? model.findChannel(seat->source) : nullptr;
            key.setDetail(heard ? "hears " + languageTag(heard->language) : juce::String("relay"));
            key.setLit(selected, accent);
            continue;
        }
        const auto* c = model.findChannel(source);
        if (c == nullptr)
            continue;
        if (source == "floor")
        {
            key.setTitle("FLOOR  " + languageTag(model.state().floorLanguage));
            key.setDetail("original");
            key.setBadge({}, {});
            key.setDot(false);
        }
        else
        {
            // The language and its name (in its own script); the live dot and the depth badge
            // ("direct", "+ relay", "floor", "silence") say the rest.
            key.setTitle(languageTag(c->language) + "  " + juce::String(c->name));
            key.setDetail({});
            key.setBadge(depthWord(c->depth), depthColourOf(c->depth));
            key.setDot(c->live(), live);
        }
        key.setLit(selected, floorFeed);
    }
    repaint();
}

void ListenSection::resized()
{
    auto area = getLocalBounds();
    area.removeFromTop(kTitle);
    if (keys.empty())
        return;
    // Two wide columns leave room for the language, the live dot and the depth badge; a session
    // with many channels gets a third.
    const int columns = keys.size() > 6 ? 3 : 2;
    const int rows = (static_cast<int>(keys.size()) + columns - 1) / columns;
    const int h = std::min(68, area.getHeight() / std::max(1, rows));
    const int w = area.getWidth() / columns;
    for (std::size_t i = 0; i < keys.size(); ++i)
    {
        const int r = static_cast<int>(i) / columns, c = static_cast<int>(i) % columns;
        keys[i]->setBounds(area.getX() + c * w, area.getY() + r * h, w, h);
    }
}

void ListenSection::paint(juce::Graphics& g)
{
    g.setColour(textDim);
    g.setFont(ui::Theme::font(15.0f, true));
    g.drawText("LISTEN", getLocalBounds().removeFromTop(kTitle).reduced(4, 0),
               juce::Justification::centredLeft);
}

} // namespace dragoman::booth
