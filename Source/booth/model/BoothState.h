#pragma once
// What one interpreter's console knows, as plain structs read from the control API's `state`,
// `meters` and `message` notifications (docs/CONTROL_API.md). Only what a booth shows: its own
// seat, its booth and partners, the channels it can listen to, the floor.
// Message thread only (plain data, copied freely).

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dragoman::booth
{

struct ChannelInfo
{
    std::string id, language, name;
    std::string holder; // seat id, empty when nobody holds it
    int holders = 0;
    int depth = -1; // 0 floor, 1 direct, 2 relay, 3+ double relay, -1 silence, -2 cycle
    std::string depthLabel = "silence";
    std::string carries; // "seat", "floor" or "silence"
    int listeners = -1;  // -1: not streamed
    bool live() const { return !holder.empty(); }
};

struct SeatInfo
{
    std::string id, booth;
    bool live = false, onAir = false, cough = false, suspended = false;
    std::string output = "A", channel, listen = "auto", source = "floor";
    double volumeDb = 0, bassDb = 0, trebleDb = 0;
    double limiterDb = 0; // the limiter's gain reduction, >= 0 (the engine's limiter_db)
    double leqDbSpl = 0;
    bool exposureWarning = false;
    double splAt0dBFS = 110.0; // the headset calibration the session gives this seat
    // A remote seat (else both empty): where the engine takes the microphone, and where it sends
    // the seat's feed, "ADDR:PORT".
    std::string remoteListen, remoteSendTo;
    bool remote() const { return !remoteListen.empty(); }
};

struct BoothInfo
{
    std::string id, interlock;
    std::map<std::string, std::string> outputs; // "A" -> channel id
    std::vector<std::string> seats;
};

struct FloorQuality
{
    bool known = false; // the engine sent floor_quality (older engines do not)
    double levelDb = -120, bandwidthHz = 0;
    bool clipping = false;
};

struct Message
{
    long long id = 0;
    std::string from, to, kind, text, at;
};

struct EngineView
{
    long long revision = -1; // -1: no state yet
    std::string sessionName, floorLanguage;
    std::vector<ChannelInfo> channels; // the floor first, as the engine lists them
    std::vector<SeatInfo> seats;       // every seat: partners and other booths' holders
    std::vector<BoothInfo> booths;
    FloorQuality floor;
};

} // namespace dragoman::booth
