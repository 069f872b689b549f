#include "model/StateParser.h"

namespace dragoman::console
{

using nlohmann::json;

std::string textOf(const json& object, const char* key)
{
    if (!object.is_object())
        return {};
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return {};
    if (found->is_string())
        return found->get<std::string>();
    return found->dump();
}

double numberOf(const json& object, const char* key, double otherwise)
{
    if (!object.is_object())
        return otherwise;
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? found->get<double>() : otherwise;
}

bool flagOf(const json& object, const char* key)
{
    if (!object.is_object())
        return false;
    const auto found = object.find(key);
    return found != object.end() && found->is_boolean() && found->get<bool>();
}

namespace
{
std::vector<std::string> textsOf(const json& object, const char* key)
{
    std::vector<std::string> texts;
    if (object.is_object() && object.contains(key) && object[key].is_array())
        for (const auto& item : object[key])
            if (item.is_string())
                texts.push_back(item.get<std::string>());
    return texts;
}

const json& arrayOf(const json& object, const char* key)
{
    static const json empty = json::array();
    if (object.is_object() && object.contains(key) && object[key].is_array())
        return object[key];
    return empty;
}

float decibelsOf(const json& object, const char* key)
{
    // The engine writes null for silence (no finite dB value).
    return static_cast<float>(numberOf(object, key, kSilentDb));
}

ChannelState parseChannel(const json& item)
{
    ChannelState channel;
    channel.id = textOf(item, "id");
    channel.language = textOf(item, "language");
    channel.name = textOf(item, "name");
    channel.holder = textOf(item, "holder");
    channel.holders = static_cast<int>(numberOf(item, "holders"));
    channel.depth = static_cast<int>(numberOf(item, "depth", channel.isFloor() ? 0 : -1));
    channel.depthLabel = textOf(item, "depth_label");
    channel.passThrough = flagOf(item, "pass_through");
    channel.idle = textOf(item, "idle");
    channel.carries = textOf(item, "carries");
    channel.source = textOf(item, "source");
    if (item.contains("stream") && item["stream"].is_object())
    {
        const auto& stream = item["stream"];
        channel.stream.present = true;
        channel.stream.packets = static_cast<long long>(numberOf(stream, "packets"));
        channel.stream.listeners = static_cast<int>(numberOf(stream, "listeners"));
        channel.stream.lossPercent = numberOf(stream, "loss_percent");
    }
    return channel;
}

BoothState parseBooth(const json& item)
{
    BoothState booth;
    booth.id = textOf(item, "id");
    booth.interlock = textOf(item, "interlock");
    if (item.contains("outputs") && item["outputs"].is_object())
        for (const auto& [letter, channel] : item["outputs"].items())
            if (channel.is_string())
                booth.outputs[letter] = channel.get<std::string>();
    booth.understands = textsOf(item, "understands");
    booth.seats = textsOf(item, "seats");
    return booth;
}

SeatState parseSeat(const json& item)
{
    SeatState seat;
    seat.id = textOf(item, "id");
    seat.booth = textOf(item, "booth");
    seat.live = flagOf(item, "live");
    seat.onAir = flagOf(item, "on_air");
    seat.cough = flagOf(item, "cough");
    seat.suspended = flagOf(item, "suspended");
    seat.output = textOf(item, "output");
    seat.channel = textOf(item, "channel");
    seat.listen = textOf(item, "listen");
    seat.source = textOf(item, "source");
    seat.volumeDb = numberOf(item, "volume_db");
    seat.limiterDb = numberOf(item, "limiter_db");
    seat.leqDbSpl = numberOf(item, "leq_db_spl");
    seat.exposureWarning = flagOf(item, "exposure_warning");
    return seat;
}
} // namespace

EngineState parseEngineState(const json& state)
{
    EngineState parsed;
    parsed.revision = static_cast<long long>(numberOf(state, "revision", 0));
    if (state.contains("session"))
    {
        const auto& session = state["session"];
        parsed.sessionName = textOf(session, "name");
        parsed.sampleRate = static_cast<int>(numberOf(session, "sample_rate"));
        parsed.blockFrames = static_cast<int>(numberOf(session, "block_frames"));
    }
    if (state.contains("engine"))
    {
        const auto& engine = state["engine"];
        parsed.engine.version = textOf(engine, "version");
        parsed.engine.hostApi = textOf(engine, "host_api");
        parsed.engine.device = textOf(engine, "device");
        parsed.engine.uptimeSeconds = numberOf(engine, "uptime_s");
        parsed.engine.cpu = numberOf(engine, "cpu");
        parsed.engine.xruns = static_cast<long long>(numberOf(engine, "xruns"));
        parsed.engine.running = flagOf(engine, "running");
    }
    if (state.contains("floor"))
        parsed.floorLanguage = textOf(state["floor"], "language");
    parsed.interlockBetween = textOf(state, "interlock_between");
    if (state.contains("monitor"))
        parsed.monitor = textOf(state["monitor"], "source");
    if (parsed.monitor.empty())
        parsed.monitor = "off";
    for (const auto& item : arrayOf(state, "channels"))
        parsed.channels.push_back(parseChannel(item));
    for (const auto& item : arrayOf(state, "booths"))
        parsed.booths.push_back(parseBooth(item));
    for (const auto& item : arrayOf(state, "seats"))
        parsed.seats.push_back(parseSeat(item));
    if (state.contains("relay"))
    {
        const auto& relay = state["relay"];
        parsed.relay.cycle = flagOf(relay, "cycle");
        parsed.relay.cyclePath = textsOf(relay, "cycle_path");
        for (const auto& edge : arrayOf(relay, "edges"))
            parsed.relay.edges.push_back({textOf(edge, "from"), textOf(edge, "to")});
    }
    parsed.clients = static_cast<int>(numberOf(state, "clients"));
    return parsed;
}

Alarm parseAlarm(const json& item)
{
    Alarm alarm;
    alarm.id = static_cast<int>(numberOf(item, "id"));
    alarm.kind = textOf(item, "kind");
    alarm.subject = textOf(item, "subject");
    alarm.text = textOf(item, "text");
    alarm.raisedAt = textOf(item, "raised_at");
    alarm.clearedAt = textOf(item, "cleared_at");
    alarm.acked = flagOf(item, "acked");
    return alarm;
}

ChannelMeter parseChannelMeter(const json& item)
{
    return {decibelsOf(item, "peak_db"), decibelsOf(item, "rms_db"), decibelsOf(item, "lufs")};
}

SeatMeter parseSeatMeter(const json& item)
{
    return {decibelsOf(item, "mic_db"), decibelsOf(item, "phones_db"),
            static_cast<float>(numberOf(item, "limiter_db")),
            static_cast<float>(numberOf(item, "leq_db_spl"))};
}

const ChannelState* EngineState::channel(const std::string& id) const
{
    for (const auto& item : channels)
        if (item.id == id)
            return &item;
    return nullptr;
}

const BoothState* EngineState::booth(const std::string& id) const
{
    for (const auto& item : booths)
        if (item.id == id)
            return &item;
    return nullptr;
}

const SeatState* EngineState::seat(const std::string& id) const
{
    for (const auto& item : seats)
        if (item.id == id)
            return &item;
    return nullptr;
}

std::string BoothState::outputFor(const std::string& channel) const
{
    for (const auto& [letter, target] : outputs)
        if (target == channel)
            return letter;
    return {};
}

} // namespace dragoman::console
