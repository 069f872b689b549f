#include "BoothModel.h"

#include "model/StateReader.h"

#include <algorithm>
#include <chrono>

namespace dragoman::booth
{

namespace
{
double steadySeconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::string field(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string seatOf(const std::string& address) // "seat:en-1" -> "en-1"
{
    return address.rfind("seat:", 0) == 0 ? address.substr(5) : std::string();
}
} // namespace

std::string refusalLine(const nlohmann::json& event)
{
    const auto type = field(event, "type");
    const auto channel = field(event, "channel");
    const auto by = field(event, "by");
    const auto reason = field(event, "reason");
    if (type == "mic-refused" || type == "output-refused")
    {
        const std::string what = type == "mic-refused" ? "Mic refused: " : "Output refused: ";
        if (reason == "interlock-in-booth")
            return what + by + " is live in your booth (interlock)";
        if (reason == "interlock-between-booths")
            return what + channel + " is engaged by " + by + " (interlock between booths)";
        if (reason == "pass-through")
            return what + channel + " carries the floor: the floor speaks its language";
        if (reason == "no-partner-live")
            return "Handover refused: no partner is live on " + channel + " - use the mic key";
        return what + reason;
    }
    if (type == "mic-cut")
        return "Cut: " + by + " took " + channel + " (override)";
    if (type == "mic-suspended")
        return "Waiting: " + by + " took " + channel + "; you come back when they stop";
    return {};
}

BoothModel::BoothModel(Clock clock) : now(clock ? std::move(clock) : Clock(steadySeconds))
{
    turnStartedAt = now();
}

std::uint32_t BoothModel::setSeat(const std::string& seatId)
{
    if (seatId == mySeat)
        return changeNone;
    mySeat = seatId;
    return changeState;
}

std::uint32_t BoothModel::setConnection(bool connected, const std::string& why)
{
    if (connected == isConnected && why == connectionWhy)
        return changeNone;
    isConnected = connected;
    connectionWhy = connected ? "connected" : why;
    return changeConnection;
}

std::uint32_t BoothModel::applyNotification(const std::string& method, const nlohmann::json& params)
{
    if (method == "state")
        return applyState(params);
    if (method == "event")
        return applyEvent(params);
    if (method == "message")
        return applyMessage(params);
    if (method == "meters")
        return applyMeters(params);
    return changeNone;
}

std::uint32_t BoothModel::applyState(const nlohmann::json& state)
{
    const bool wasLive = seat() != nullptr && seat()->live;
    engine = readState(state);
    std::uint32_t changes = changeState;
    const auto holder = holderInBooth();
    if (holder != lastHolder)
    {
        lastHolder = holder;
        turnStartedAt = now();
        if (negotiation.stage() != HandoverStage::none)
        {
            negotiation.holderChanged();
            changes |= changeHandover;
        }
    }
    if (seat() != nullptr && seat()->live && !wasLive && !refusalText.empty())
    {
        refusalText.clear(); // what was refused no longer stands in the way
        changes |= changeRefusal;
    }
    return changes;
}

std::uint32_t BoothModel::applyEvent(const nlohmann::json& event)
{
    if (field(event, "seat") != mySeat || mySeat.empty())
        return changeNone;
    const auto type = field(event, "type");
    auto line = refusalLine(event);
    if (line.empty() && (type == "mic-on" || type == "mic-resumed"))
    {
        refusalText.clear();
        return changeRefusal;
    }
    if (line.empty())
        return changeNone;
    refusalText = std::move(line);
    return changeRefusal;
}

std::uint32_t BoothModel::applyEvents(const nlohmann::json& reply)
{
    std::uint32_t changes = changeNone;
    if (reply.is_object() && reply.contains("events") && reply["events"].is_array())
        for (const auto& event : reply["events"])
            changes |= applyEvent(event);
    return changes;
}

std::uint32_t BoothModel::callRefused(const std::string& method, const std::string& why)
{
    refusalText = method + " refused: " + why;
    return changeRefusal;
}

std::uint32_t BoothModel::applyMessage(const nlohmann::json& json)
{
    auto message = readMessage(json);
    if (message.id != 0 && message.id <= lastMessage)
        return changeNone; // already seen (messages.get after a reconnect repeats)
    lastMessage = std::max(lastMessage, message.id);
    std::uint32_t changes = changeMessages;
    const auto from = seatOf(message.from);
    if (!from.empty() && from != mySeat)
    {
        if (message.kind == "handover-request")
        {
            negotiation.requestReceived(from);
            changes |= changeHandover;
        }
        else if (message.kind == "handover-accept")
        {
            negotiation.acceptReceived(from);
            changes |= changeHandover;
        }
    }
    messageList.push_back(std::move(message));
    while (messageList.size() > kMessageCapacity)
        messageList.pop_front();
    return changes;
}

std::uint32_t BoothModel::applyMessages(const nlohmann::json& reply)
{
    std::uint32_t changes = changeNone;
    if (reply.contains("messages") && reply["messages"].is_array())
        for (const auto& message : reply["messages"])
            changes |= applyMessage(message);
    return changes;
}

std::uint32_t BoothModel::applyMeters(const nlohmann::json& meters)
{
    if (meters.contains("seats") && meters["seats"].contains(mySeat))
    {
        const auto& s = meters["seats"][mySeat];
        phones = s.value("phones_db", -120.0);
        limiter = s.value("limiter_db", 0.0);
    }
    if (meters.contains("channels") && meters["channels"].contains("floor"))
        floorPeak = meters["channels"]["floor"].value("peak_db", -120.0);
    if (meters.contains("floor_quality"))
        engine.floor = readFloorQuality(meters["floor_quality"]);
    return changeMeters;
}

std::uint32_t BoothModel::applyRemoteLink(const RemoteLinkView& view)
{
    if (view == remote)
        return changeNone;
    remote = view;
    return changeRemote;
}

const SeatInfo* BoothModel::findSeat(const std::string& id) const
{
    for (const auto& s : engine.seats)
        if (s.id == id)
            return &s;
    return nullptr;
}

const BoothInfo* BoothModel::booth() const
{
    const auto* s = seat();
    if (s == nullptr)
        return nullptr;
    for (const auto& b : engine.booths)
        if (b.id == s->booth)
            return &b;
    return nullptr;
}

const ChannelInfo* BoothModel::findChannel(const std::string& id) const
{
    for (const auto& c : engine.channels)
        if (c.id == id)
            return &c;
    return nullptr;
}

const ChannelInfo* BoothModel::channel() const
{
    const auto* s = seat();
    return s ? findChannel(s->channel) : nullptr;
}

std::string BoothModel::engagedBy() const
{
    const auto* c = channel();
    const auto* b = booth();
    if (c == nullptr || b == nullptr || !c->live())
        return {};
    const auto* holder = findSeat(c->holder);
    return holder != nullptr && holder->booth != b->id ? holder->id : std::string();
}

std::vector<std::string> BoothModel::partners() const
{
    std::vector<std::string> out;
    if (const auto* b = booth())
        for (const auto& id : b->seats)
            if (id != mySeat)
                out.push_back(id);
    return out;
}

std::string BoothModel::livePartner() const
{
    const auto* s = seat();
    if (s == nullptr)
        return {};
    for (const auto& id : partners())
        if (const auto* p = findSeat(id); p && p->live && p->channel == s->channel)
            return id;
    return {};
}

std::string BoothModel::handoverPartner() const
{
    if (auto live = livePartner(); !live.empty())
        return live;
    if (!negotiation.partner().empty())
        return negotiation.partner();
    const auto all = partners();
    return all.empty() ? std::string() : all.front();
}

std::string BoothModel::holderInBooth() const
{
    const auto* s = seat();
    if (s == nullptr)
        return {};
    if (s->live)
        return s->id;
    return livePartner();
}

std::vector<const ChannelInfo*> BoothModel::listenChannels() const
{
    std::vector<const ChannelInfo*> out;
    const auto* b = booth();
    for (const auto& c : engine.channels)
    {
        const bool ours =
            b != nullptr && std::any_of(b->outputs.begin(), b->outputs.end(),
                                        [&](const auto& o) { return o.second == c.id; });
        if (!ours)
            out.push_back(&c);
    }
    return out;
}

int BoothModel::listeners() const
{
    const auto* c = channel();
    return c ? c->listeners : -1;
}

double BoothModel::turnSeconds() const
{
    return now() - turnStartedAt;
}

} // namespace dragoman::booth
