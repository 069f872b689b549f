#include "SyntheticSession.h"

#include "core/SessionValidator.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace dragoman::cli
{

namespace
{

// Real codes first, so that small sessions read like a summit (the first eleven are Astana's).
constexpr std::array<std::string_view, 42> kLanguages{
    "ru", "zh", "en", "kk", "hi", "ur", "fa", "uz", "ky", "tg", "be", "ar", "es", "fr",
    "de", "pt", "it", "ja", "ko", "tr", "pl", "uk", "ro", "nl", "el", "hu", "cs", "sv",
    "fi", "da", "nb", "he", "id", "ms", "th", "vi", "bn", "ta", "te", "sw", "am", "ha"};

// Beyond the list, ISO 639-2's private-use range qaa..qtz: valid codes that name no real language.
std::string languageCode(int index)
{
    if (index < static_cast<int>(kLanguages.size()))
        return std::string(kLanguages[index]);
    const int n = index - static_cast<int>(kLanguages.size());
    return {'q', static_cast<char>('a' + n / 26 % 20), static_cast<char>('a' + n % 26)};
}

void addOnce(std::vector<std::string>& list, const std::string& item)
{
    if (std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(item);
}

} // namespace

Result<Session> syntheticSession(int channels, int seats, int blockFrames)
{
    if (channels < 1 || channels > 520)
        return Error{"channels must be from 1 to 520, got " + std::to_string(channels)};
    if (seats < channels || seats > 3 * channels)
        return Error{"seats must be from " + std::to_string(channels) + " to " +
                     std::to_string(3 * channels) + " for " + std::to_string(channels) +
                     " channels (one booth per channel, 1 to 3 seats each), got " +
                     std::to_string(seats)};

    Session session;
    session.name =
        "Synthetic " + std::to_string(channels) + " channels x " + std::to_string(seats) + " seats";
    session.blockFrames = blockFrames;
    std::vector<std::string> languages;
    for (int c = 0; c < channels; ++c)
        languages.push_back(languageCode(c));
    // The floor speaks channel 1's language: channel 1 passes the floor through, and most booths
    // relay from channel 0, the hub booth that understands everything (Russian at Astana).
    session.floorLanguage = languages[channels > 1 ? 1 : 0];

    for (int c = 0; c < channels; ++c)
        session.channels.push_back(
            {languages[c], languages[c], "Channel " + std::to_string(c + 1), IdleFeed::floor});

    for (int b = 0; b < channels; ++b)
    {
        BoothSpec booth;
        booth.id = languages[b];
        booth.outputs.push_back({'A', languages[b]});
        if (b % 4 == 2) // a retour booth, sharing channel 0 with the hub booth under interlock
            booth.outputs.push_back({'B', languages[0]});

        addOnce(booth.understands, languages[b]);
        if (b == 0)
            for (const auto& language : languages)
                addOnce(booth.understands, language);
        else if (b % 5 == 4) // does not know the hub language: relays from channel 1 instead
            addOnce(booth.understands, languages[channels > 1 ? 1 : 0]);
        else
            addOnce(booth.understands, languages[0]);

        // Headphones calibrated as in the Astana session: a desk feed at -20 dBFS is heard at
        // ~79 dB SPL, so the limiters rest, as they do in a well-run meeting.
        constexpr double splAt0dBFS = 96.0;
        const int seatCount = seats / channels + (b < seats % channels ? 1 : 0);
        for (int s = 1; s <= seatCount; ++s)
        {
            SeatSpec seat;
            seat.id = languages[b] + "-" + std::to_string(s);
            seat.splAt0dBFS = splAt0dBFS;
            booth.seats.push_back(std::move(seat));
        }
        session.booths.push_back(std::move(booth));
    }

    for (int c = 1; c < channels; ++c)
        session.pivots.push_back({languages[c], languages[0]});
    if (channels > 1)
        session.pivots.push_back({languages[0], languages[1]});

    if (auto error = validateSession(session, SessionSource("synthetic session")))
        return *error;
    return session;
}

} // namespace dragoman::cli
