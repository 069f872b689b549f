#include "control/StateJson.h"
#include "control/SessionJson.h"
#include "core/RelayDepthName.h"

#include <cmath>

namespace dragoman::control
{

namespace
{

constexpr auto relaxed = std::memory_order_relaxed;

// Tenths of a dB are all a meter or a console shows; shorter messages at 20 Hz.
double tenth(double value)
{
    return std::round(value * 10.0) / 10.0;
}

nlohmann::json decibelsOrNull(float db)
{
    return std::isfinite(db) ? nlohmann::json(tenth(db)) : nlohmann::json(nullptr);
}

std::string sourceName(int source, const Floorplan& plan)
{
    if (source == kAuto)
        return "auto";
    return plan.channelId(source); // "floor" for kFloor
}

// The session's words for a seat: the floorplan keeps only what the audio thread needs.
const SeatSpec* seatSpecOf(const Floorplan& plan, int seat)
{
    for (const auto& booth : plan.session().booths)
        for (const auto& spec : booth.seats)
            if (spec.id == plan.seatId(seat))
                return &spec;
    return nullptr;
}

} // namespace

StateJson::StateJson(const Engine& running, const ControlMirror& controlMirror,
                     EngineIdentity identity)
    : engine(running), mirror(controlMirror), id(std::move(identity))
{
}

std::string StateJson::monitorSource() const
{
    return monitorSourceName(engine.status().monitorSource(), engine.floorplan());
}

nlohmann::json StateJson::state(const StateExtras& extras) const
{
    const auto& plan = engine.floorplan();
    const auto& session = plan.session();
    const auto& board = engine.status();
    nlohmann::json out;
    out["revision"] = extras.revision;
    out["session"] = {{"name", session.name},
                      {"sample_rate", session.sampleRate},
                      {"block_frames", session.blockFrames}};
    out["engine"] = {{"version", id.version},
                     {"uptime_s", tenth(extras.uptimeSeconds)},
                     {"frames", board.frames.load(relaxed)},
                     {"callbacks", extras.driver.callbacks},
                     {"xruns", extras.driver.xruns},
                     {"cpu", std::round(extras.driver.cpu * 1000.0) / 1000.0},
                     {"host_api", id.hostApi},
                     {"device", id.device},
                     {"running", extras.driver.running},
                     {"commands_dropped", engine.commandsDropped()},
                     {"events_dropped", board.eventsDropped.load(relaxed)}};
    out["floor"] = {{"language", mirror.floorLanguage()}};
    out["interlock_between"] = std::string(toString(mirror.interlockBetween()));
    out["channels"] = channels(extras);
    out["booths"] = booths();
    out["seats"] = seats();
    out["relay"] = relay();
    out["monitor"] = {{"source", monitorSource()}};
    out["floor_quality"] = floorQuality();
    out["alarms"] = extras.alarms;
    out["clients"] = extras.clients;
    return out;
}

nlohmann::json StateJson::channels(const StateExtras& extras) const
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    auto list = nlohmann::json::array();
    const auto addStream = [&](nlohmann::json& channel, const std::string& channelId)
    {
        for (const auto& stats : extras.streams)
            if (stats.channel == channelId)
            {
                // The listeners' side, from their RTCP receiver reports of the last 10 s.
                channel["stream"] = {{"packets", stats.packets},
                                     {"bytes", stats.bytes},
                                     {"overruns", stats.overruns},
                                     {"send_errors", stats.sendErrors},
                                     {"listeners", stats.listeners},
                                     {"loss_percent", stats.lossPercent},
                                     {"worst_loss_percent", stats.worstLossPercent},
                                     {"jitter_ms", stats.jitterMs},
                                     {"rtt_ms", stats.rttMs < 0.0 ? nlohmann::json(nullptr)
                                                                  : nlohmann::json(stats.rttMs)}};
            }
    };

    nlohmann::json floor{{"id", "floor"},
                         {"language", mirror.floorLanguage()},
                         {"name", "Floor"},
                         {"depth", 0},
                         {"depth_label", "floor"}};
    addStream(floor, "floor");
    list.push_back(floor);

    for (int c = 0; c < plan.channelCount(); ++c)
    {
        const auto& spec = plan.session().channels[c];
        const auto& status = board.channels[c + 1];
        const int holder = status.holder.load(relaxed);
        const int depth = status.depth.load(relaxed);
        const bool passThrough = status.passThrough.load(relaxed);
        const bool idleFloor = status.idleFloor.load(relaxed);
        nlohmann::json channel{{"id", spec.id},
                               {"language", spec.language},
                               {"name", spec.name},
                               {"holders", status.holders.load(relaxed)},
                               {"depth", depth},
                               {"depth_label", relayDepthName(depth)},
                               {"pass_through", passThrough},
                               {"idle", idleFloor ? "floor" : "silence"}};
        if (holder >= 0)
        {
            channel["holder"] = plan.seatId(holder);
            channel["carries"] = "seat";
            channel["source"] = sourceName(board.seats[holder].source.load(relaxed), plan);
        }
        else
        {
            channel["holder"] = nullptr;
            channel["carries"] = passThrough || idleFloor ? "floor" : "silence";
            channel["source"] = nullptr;
        }
        addStream(channel, spec.id);
        list.push_back(channel);
    }
    return list;
}

nlohmann::json StateJson::booths() const
{
    const auto& plan = engine.floorplan();
    auto list = nlohmann::json::array();
    for (int b = 0; b < plan.boothCount(); ++b)
    {
        const auto& spec = plan.session().booths[b];
        nlohmann::json outputs = nlohmann::json::object();
        for (const auto& output : spec.outputs)
            outputs[std::string(1, output.label)] = output.channel;
        auto seatIds = nlohmann::json::array();
        for (const auto& seat : spec.seats)
            seatIds.push_back(seat.id);
        list.push_back({{"id", spec.id},
                        {"interlock", std::string(toString(mirror.boothInterlock(b)))},
                        {"outputs", outputs},
                        {"understands", spec.understands},
                        {"seats", seatIds}});
    }
    return list;
}

nlohmann::json StateJson::seats() const
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    auto list = nlohmann::json::array();
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& status = board.seats[s];
        const SeatSpec* spec = seatSpecOf(plan, s);
        const int channel = status.channel.load(relaxed);
        list.push_back(
            {{"id", plan.seatId(s)},
             {"booth", plan.boothId(plan.seatBooth(s))},
             {"live", status.live.load(relaxed)},
             {"on_air", status.onAir.load(relaxed)},
             {"cough", status.cough.load(relaxed)},
             {"suspended", status.suspended.load(relaxed)},
             {"output", std::string(1, static_cast<char>('A' + status.outputSlot.load(relaxed)))},
             {"channel",
              channel >= 0 ? nlohmann::json(plan.channelId(channel)) : nlohmann::json(nullptr)},
             {"listen", sourceName(status.listen.load(relaxed), plan)},
             {"source", sourceName(status.source.load(relaxed), plan)},
             {"volume_db", tenth(status.volumeDb.load(relaxed))},
             {"bass_db", tenth(status.bassDb.load(relaxed))},
             {"treble_db", tenth(status.trebleDb.load(relaxed))},
             {"sidetone_db", decibelsOrNull(status.sidetoneDb.load(relaxed))},
             {"limiter_db", tenth(status.limiterReductionDb.load(relaxed))},
             {"leq_db_spl", tenth(status.leqDbSpl.load(relaxed))},
             {"exposure_warning", status.exposureWarning.load(relaxed)},
             {"spl_at_0dbfs", plan.seatCalibration(s)},
             {"remote", spec ? remoteSeatJson(spec->remote) : nlohmann::json(nullptr)}});
    }
    return list;
}

nlohmann::json StateJson::relay() const
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    auto edges = nlohmann::json::array();
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        const int holder = board.channels[c + 1].holder.load(relaxed);
        if (holder < 0)
            continue;
        edges.push_back({{"from", sourceName(board.seats[holder].source.load(relaxed), plan)},
                         {"to", plan.channelId(c)}});
    }
    return {{"cycle", board.relayCycle.load(relaxed)},
            {"cycle_path", mirror.cyclePath()},
            {"edges", edges}};
}

// The booths' view of the floor (FloorQualityMeter): in the state and, fresher, in the meters.
nlohmann::json StateJson::floorQuality() const
{
    const auto& quality = engine.status().floorQuality;
    return {{"level_db", tenth(quality.levelDb())},
            {"clipping", quality.clipping()},
            {"bandwidth_hz", std::round(quality.bandwidthHz())}};
}

nlohmann::json StateJson::meters(double t) const
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    nlohmann::json channels = nlohmann::json::object();
    for (int c = -1; c < plan.channelCount(); ++c)
    {
        const auto& status = board.channels[c + 1];
        channels[plan.channelId(c)] = {{"peak_db", tenth(status.level.peakDb())},
                                       {"rms_db", tenth(status.level.rmsDb())},
                                       {"lufs", tenth(status.loudness.shortTermLufs())}};
    }
    nlohmann::json seats = nlohmann::json::object();
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& status = board.seats[s];
        seats[plan.seatId(s)] = {{"mic_db", tenth(status.microphone.peakDb())},
                                 {"phones_db", tenth(status.headphones.peakDb())},
                                 {"limiter_db", tenth(status.limiterReductionDb.load(relaxed))},
                                 {"leq_db_spl", tenth(status.leqDbSpl.load(relaxed))}};
    }
    return {{"t", std::round(t * 1000.0) / 1000.0},
            {"channels", channels},
            {"seats", seats},
            {"floor_quality", floorQuality()}};
}

} // namespace dragoman::control
