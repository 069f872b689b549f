#include "Floorplan.h"

#include <algorithm>

namespace dragoman
{

namespace
{
template <typename Items, typename Id>
std::optional<int> findIndex(const Items& items, std::string_view id, Id idOf)
{
    for (std::size_t i = 0; i < items.size(); ++i)
        if (idOf(items[i]) == id)
            return static_cast<int>(i);
    return std::nullopt;
}
} // namespace

Floorplan::Floorplan(Session session) : spec(std::move(session))
{
    auto addLanguage = [this](const std::string& code)
    {
        if (std::find(languages.begin(), languages.end(), code) == languages.end())
            languages.push_back(code);
    };
    addLanguage(spec.floorLanguage);
    for (const auto& channel : spec.channels)
        addLanguage(channel.language);
    for (const auto& booth : spec.booths)
        for (const auto& language : booth.understands)
            addLanguage(language);
    for (const auto& pivot : spec.pivots)
        addLanguage(pivot.floorLanguage);

    for (const auto& channel : spec.channels)
        channelLanguages.push_back(languageIndex(channel.language));

    for (std::size_t b = 0; b < spec.booths.size(); ++b)
    {
        const auto& booth = spec.booths[b];
        std::array<int, kMaxOutputs> outputs{kNoChannel, kNoChannel, kNoChannel};
        for (const auto& output : booth.outputs)
        {
            const int slot = output.label - 'A';
            if (slot >= 0 && slot < kMaxOutputs)
                outputs[slot] = channelIndex(output.channel).value_or(kNoChannel);
        }
        boothOutputs.push_back(outputs);

        std::vector<bool> known(languages.size() + 1, false);
        for (const auto& language : booth.understands)
            known[languageIndex(language)] = true;
        understands.push_back(std::move(known));

        std::vector<int> members;
        for (const auto& seat : booth.seats)
        {
            members.push_back(static_cast<int>(seats.size()));
            seats.push_back({seat.id, static_cast<int>(b), seat.splAt0dBFS});
        }
        seatsOfBooth.push_back(std::move(members));
    }

    pivots.assign(languages.size() + 1, kNoChannel);
    for (const auto& pivot : spec.pivots)
        pivots[languageIndex(pivot.floorLanguage)] =
            channelIndex(pivot.channel).value_or(kNoChannel);
}

std::optional<int> Floorplan::channelIndex(std::string_view id) const
{
    return findIndex(spec.channels, id,
                     [](const ChannelSpec& c) -> const std::string& { return c.id; });
}

std::optional<int> Floorplan::seatIndex(std::string_view id) const
{
    return findIndex(seats, id, [](const SeatEntry& s) -> const std::string& { return s.id; });
}

std::optional<int> Floorplan::boothIndex(std::string_view id) const
{
    return findIndex(spec.booths, id,
                     [](const BoothSpec& b) -> const std::string& { return b.id; });
}

int Floorplan::languageIndex(std::string_view code) const
{
    return findIndex(languages, code, [](const std::string& l) -> const std::string& { return l; })
        .value_or(languageCount());
}

const std::string& Floorplan::channelId(int channel) const
{
    return channel == kFloor ? floorId : spec.channels[channel].id;
}

const std::string& Floorplan::languageCode(int language) const
{
    return language >= 0 && language < languageCount() ? languages[language] : otherLanguage;
}

bool Floorplan::boothUnderstands(int booth, int language) const noexcept DRAGOMAN_NONBLOCKING
{
    return understands[booth][language];
}

int Floorplan::pivotFor(int language) const noexcept DRAGOMAN_NONBLOCKING
{
    return pivots[language];
}

} // namespace dragoman
