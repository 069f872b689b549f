#pragma once
// Everything one interpreter's console shows, kept from the control API's notifications: the
// engine's `state` (own seat, booth, partners, channels, floor), `event`s about this seat (why
// the interlock refused), `message`s (technician, partner, handover negotiation) and `meters`.
// Pure: no JUCE, no network, no calls. It never decides anything about the seat's state: that
// is the engine's, and a reconnect only reads it again.
// Message thread only (the network thread's callbacks are marshalled there first).

#include "model/BoothState.h"
#include "model/Handover.h"
#include "model/RemoteLink.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <functional>

namespace dragoman::booth
{

// What an applied notification changed, as bit flags, so views repaint only what they must.
enum Change : std::uint32_t
{
    changeNone = 0,
    changeState = 1u << 0,
    changeMeters = 1u << 1,
    changeMessages = 1u << 2,
    changeHandover = 1u << 3,
    changeConnection = 1u << 4,
    changeRefusal = 1u << 5,
    changeRemote = 1u << 6,
};

class BoothModel
{
public:
    static constexpr std::size_t kMessageCapacity = 50;
    using Clock = std::function<double()>; // seconds, monotonic

    explicit BoothModel(Clock clock = {});

    // The seat this console serves: from the `auth` reply ("seat": "en-1").
    std::uint32_t setSeat(const std::string& seatId);
    std::uint32_t setConnection(bool connected, const std::string& why);
    std::uint32_t applyNotification(const std::string& method, const nlohmann::json& params);
    std::uint32_t applyState(const nlohmann::json& state);
    std::uint32_t applyEvent(const nlohmann::json& event);
    // {"events": [...]}: the log read after a (re)connect, so a refusal made while the console
    // was away is still explained.
    std::uint32_t applyEvents(const nlohmann::json& reply);
    std::uint32_t applyMessage(const nlohmann::json& message);
    std::uint32_t applyMessages(const nlohmann::json& reply); // {"messages": [...]}
    std::uint32_t applyMeters(const nlohmann::json& meters);
    // The remote seat's audio link, when this console carries it (RemoteLinkMeter's reading).
    std::uint32_t applyRemoteLink(const RemoteLinkView& view);
    // A call of ours the server refused (forbidden, invalid): shown on the refusal line.
    std::uint32_t callRefused(const std::string& method, const std::string& why);

    // The handover negotiation, moved by the actions (sent) and by messages (received).
    Handover& handover() { return negotiation; }
    const Handover& handover() const { return negotiation; }

    const std::string& seatId() const { return mySeat; }
    bool connected() const { return isConnected; }
    const std::string& connectionText() const { return connectionWhy; }
    bool hasState() const { return engine.revision >= 0 && seat() != nullptr; }
    const EngineView& state() const { return engine; }

    const SeatInfo* seat() const { return findSeat(mySeat); }
    const SeatInfo* findSeat(const std::string& id) const;
    const BoothInfo* booth() const;
    const ChannelInfo* findChannel(const std::string& id) const;
    // The channel the seat's selected output feeds.
    const ChannelInfo* channel() const;
    // The seat of another booth that holds this seat's channel, or empty: "engaged".
    std::string engagedBy() const;
    // The booth partners, and the one live on this seat's channel (empty when none).
    std::vector<std::string> partners() const;
    std::string livePartner() const;
    // The partner the handover is about: the live one, else the negotiating one, else the first.
    std::string handoverPartner() const;
    // Floor first, then every channel this booth does not feed: the relay preselect keys.
    std::vector<const ChannelInfo*> listenChannels() const;
    int listeners() const;
    // Seconds since the channel's holder in this booth last changed (the turn timer).
    double turnSeconds() const;
    const std::string& refusal() const { return refusalText; }
    const std::deque<Message>& messages() const { return messageList; }
    long long lastMessageId() const { return lastMessage; }

    // Meters (from `meters`): this seat's headphones and limiter (reduction, >= 0), the floor's
    // level.
    double phonesDb() const { return phones; }
    double meterLimiterDb() const { return limiter; }
    double floorPeakDb() const { return floorPeak; }
    const RemoteLinkView& remoteLink() const { return remote; }

private:
    std::string holderInBooth() const;

    Clock now;
    std::string mySeat;
    bool isConnected = false;
    std::string connectionWhy = "not connected";
    EngineView engine;
    Handover negotiation;
    std::string lastHolder;
    double turnStartedAt = 0.0;
    std::string refusalText;
    std::deque<Message> messageList;
    long long lastMessage = 0;
    double phones = -120, limiter = 0, floorPeak = -120;
    RemoteLinkView remote;
};

// The refusal line for an engine event about this seat, or empty when it is not one.
std::string refusalLine(const nlohmann::json& event);

} // namespace dragoman::booth
