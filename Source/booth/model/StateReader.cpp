#include "StateReader.h"

namespace dragoman::booth
{

namespace
{

template <typename T> T get(const nlohmann::json& object, const char* key, T fallback)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    try
    {
        return it->get<T>();
    }
    catch (const nlohmann::json::exception&)
    {
        return fallback;
    }
}

std::string text(const nlohmann::json& object, const char* key, const std::string& fallback = {})
{
    return get<std::string>(object, key, fallback);
}

ChannelInfo readChannel(const nlohmann::json& c)
{
    ChannelInfo channel;
    channel.id = text(c, "id");
    channel.language = text(c, "language");
    channel.name = text(c, "name", channel.id);
    channel.holder = text(c, "holder");
    channel.holders = get<int>(c, "holders", channel.holder.empty() ? 0 : 1);
    channel.depth = get<int>(c, "depth", -1);
    channel.depthLabel = text(c, "depth_label", channel.depth == 0 ? "floor" : "silence");
    channel.carries = text(c, "carries");
    if (c.contains("stream") && c["stream"].is_object())
        channel.listeners = get<int>(c["stream"], "listeners", 0);
    return channel;
}

SeatInfo readSeat(const nlohmann::json& s)
{
    SeatInfo seat;
    seat.id = text(s, "id");
    seat.booth = text(s, "booth");
    seat.live = get<bool>(s, "live", false);
    seat.onAir = get<bool>(s, "on_air", false);
    seat.cough = get<bool>(s, "cough", false);
    seat.suspended = get<bool>(s, "suspended", false);
    seat.output = text(s, "output", "A");
    seat.channel = text(s, "channel");
    seat.listen = text(s, "listen", "auto");
    seat.source = text(s, "source", "floor");
    seat.volumeDb = get<double>(s, "volume_db", 0.0);
    seat.bassDb = get<double>(s, "bass_db", 0.0);
    seat.trebleDb = get<double>(s, "treble_db", 0.0);
    seat.limiterDb = get<double>(s, "limiter_db", 0.0);
    seat.leqDbSpl = get<double>(s, "leq_db_spl", 0.0);
    seat.exposureWarning = get<bool>(s, "exposure_warning", false);
    seat.splAt0dBFS = get<double>(s, "spl_at_0dbfs", seat.splAt0dBFS);
    if (s.contains("remote") && s["remote"].is_object())
    {
        seat.remoteListen = text(s["remote"], "listen");
        seat.remoteSendTo = text(s["remote"], "send_to");
        if (seat.remoteSendTo.empty())
            seat.remoteListen.clear(); // half a link carries nothing
    }
    return seat;
}

BoothInfo readBooth(const nlohmann::json& b)
{
    BoothInfo booth;
    booth.id = text(b, "id");
    booth.interlock = text(b, "interlock");
    if (b.contains("outputs") && b["outputs"].is_object())
        for (const auto& [slot, channel] : b["outputs"].items())
            if (channel.is_string())
                booth.outputs[slot] = channel.get<std::string>();
    if (b.contains("seats") && b["seats"].is_array())
        for (const auto& seat : b["seats"])
            if (seat.is_string())
                booth.seats.push_back(seat.get<std::string>());
    return booth;
}

} // namespace

FloorQuality readFloorQuality(const nlohmann::json& q)
{
    FloorQuality quality;
    if (!q.is_object())
        return quality;
    quality.known = true;
    quality.levelDb = get<double>(q, "level_db", -120.0);
    quality.bandwidthHz = get<double>(q, "bandwidth_hz", 0.0);
    quality.clipping = get<bool>(q, "clipping", false);
    return quality;
}

EngineView readState(const nlohmann::json& state)
{
    EngineView view;
    view.revision = get<long long>(state, "revision", 0);
    if (state.contains("session"))
        view.sessionName = text(state["session"], "name");
    if (state.contains("floor"))
        view.floorLanguage = text(state["floor"], "language");
    for (const char* key : {"channels", "seats", "booths"})
        if (!state.contains(key) || !state[key].is_array())
            return view;
    for (const auto& c : state["channels"])
        view.channels.push_back(readChannel(c));
    for (const auto& s : state["seats"])
        view.seats.push_back(readSeat(s));
    for (const auto& b : state["booths"])
        view.booths.push_back(readBooth(b));
    if (state.contains("floor_quality"))
        view.floor = readFloorQuality(state["floor_quality"]);
    return view;
}

Message readMessage(const nlohmann::json& m)
{
    Message message;
    message.id = get<long long>(m, "id", 0);
    message.from = text(m, "from");
    message.to = text(m, "to");
    message.kind = text(m, "kind", "text");
    message.text = text(m, "text");
    message.at = text(m, "at");
    return message;
}

} // namespace dragoman::booth
