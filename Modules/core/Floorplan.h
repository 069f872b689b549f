#pragma once
// The session compiled to indices, so that the audio thread works with small integers and fixed
// arrays. Built on the control thread from a validated Session; read-only afterwards, so any
// thread may read it while the engine runs.

#include "Realtime.h"
#include "Session.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman
{

// A listen source or channel reference: the floor, "auto" (auto-relay), or channel 0..N-1.
constexpr int kFloor = -1;
constexpr int kAuto = -2;
constexpr int kNoChannel = -3;

constexpr int kMaxOutputs = 3; // A, B, C

// The audio map's name for the technician's monitor output (BlockIo::monitorOut).
constexpr std::string_view kMonitorEndpoint = "monitor";

class Floorplan
{
public:
    explicit Floorplan(Session session);

    const Session& session() const noexcept DRAGOMAN_NONBLOCKING { return spec; }

    int channelCount() const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<int>(spec.channels.size());
    }
    int seatCount() const noexcept DRAGOMAN_NONBLOCKING { return static_cast<int>(seats.size()); }
    int boothCount() const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<int>(spec.booths.size());
    }
    // Every language the session names; index languageCount() stands for any other language.
    int languageCount() const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<int>(languages.size());
    }

    std::optional<int> channelIndex(std::string_view id) const;
    std::optional<int> seatIndex(std::string_view id) const;
    std::optional<int> boothIndex(std::string_view id) const;
    int languageIndex(std::string_view code) const; // languageCount() when unknown

    const std::string& channelId(int channel) const; // "floor" for kFloor
    const std::string& seatId(int seat) const { return seats[seat].id; }
    const std::string& boothId(int booth) const { return spec.booths[booth].id; }
    const std::string& languageCode(int language) const;

    int seatBooth(int seat) const noexcept DRAGOMAN_NONBLOCKING { return seats[seat].booth; }
    double seatCalibration(int seat) const noexcept DRAGOMAN_NONBLOCKING
    {
        return seats[seat].splAt0dBFS;
    }
    int channelLanguage(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return channelLanguages[channel];
    }
    // Channel index of the booth's output slot (0 = A), or kNoChannel when the booth has none.
    int boothOutput(int booth, int slot) const noexcept DRAGOMAN_NONBLOCKING
    {
        return boothOutputs[booth][slot];
    }
    bool boothUnderstands(int booth, int language) const noexcept DRAGOMAN_NONBLOCKING;
    // Pivot channel for a floor language, or kNoChannel.
    int pivotFor(int language) const noexcept DRAGOMAN_NONBLOCKING;
    // Seats of one booth, in session order.
    const std::vector<int>& boothSeats(int booth) const { return seatsOfBooth[booth]; }

private:
    struct SeatEntry
    {
        std::string id;
        int booth = 0;
        double splAt0dBFS = 110.0;
    };

    Session spec;
    std::vector<std::string> languages;
    std::vector<SeatEntry> seats;
    std::vector<int> channelLanguages;
    std::vector<std::array<int, kMaxOutputs>> boothOutputs;
    std::vector<std::vector<bool>> understands; // booth x language
    std::vector<int> pivots;                    // language -> channel
    std::vector<std::vector<int>> seatsOfBooth;
    std::string floorId = "floor";
    std::string otherLanguage = "other";
};

} // namespace dragoman
