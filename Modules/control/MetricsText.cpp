#include "control/MetricsText.h"

#include <sstream>

namespace dragoman::control
{

namespace
{

constexpr auto relaxed = std::memory_order_relaxed;

class Exposition
{
public:
    // One metric family: HELP and TYPE once, then its samples.
    void family(const char* name, const char* type, const char* help)
    {
        out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
    }
    template <typename Value> void sample(const char* name, Value value)
    {
        out << name << ' ' << value << '\n';
    }
    template <typename Value>
    void sample(const char* name, const char* label, const std::string& labelValue, Value value)
    {
        // Ids are letters, digits, '-' and '_' (isId), so no label escaping is needed.
        out << name << '{' << label << "=\"" << labelValue << "\"} " << value << '\n';
    }
    std::string text() const { return out.str(); }

private:
    std::ostringstream out;
};

// Written once StreamSender's stats count listeners (RTCP receiver reports); a template, so
// that the field is looked for only where it may be missing.
template <typename Stats> void sampleListeners(Exposition& m, const Stats& stream)
{
    if constexpr (requires { stream.listeners; })
        m.sample("dragoman_stream_listeners", "channel", stream.channel, stream.listeners);
}

} // namespace

std::string metricsText(const Engine& engine, const DriverSnapshot& driver,
                        const std::vector<ChannelStreamStats>& streams,
                        const ControlCounters& control)
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    Exposition m;

    m.family("dragoman_up", "gauge", "1 while the audio stream runs");
    m.sample("dragoman_up", driver.running ? 1 : 0);
    m.family("dragoman_callbacks_total", "counter", "Audio callbacks since start");
    m.sample("dragoman_callbacks_total", driver.callbacks);
    m.family("dragoman_frames_total", "counter", "Audio frames processed");
    m.sample("dragoman_frames_total", board.frames.load(relaxed));
    m.family("dragoman_xruns_total", "counter", "Audio device under- and overruns");
    m.sample("dragoman_xruns_total", driver.xruns);
    m.family("dragoman_cpu_load", "gauge", "Share of the block period spent in the callback");
    m.sample("dragoman_cpu_load", driver.cpu);
    m.family("dragoman_events_dropped_total", "counter", "Engine events lost (queue full)");
    m.sample("dragoman_events_dropped_total", board.eventsDropped.load(relaxed));
    m.family("dragoman_commands_dropped_total", "counter", "Commands lost (queue full)");
    m.sample("dragoman_commands_dropped_total", engine.commandsDropped());

    m.family("dragoman_channel_peak_dbfs", "gauge", "Peak level of the last 100 ms");
    for (int c = -1; c < plan.channelCount(); ++c)
        m.sample("dragoman_channel_peak_dbfs", "channel", plan.channelId(c),
                 board.channels[c + 1].level.peakDb());
    m.family("dragoman_channel_lufs", "gauge", "Short-term loudness (3 s)");
    for (int c = -1; c < plan.channelCount(); ++c)
        m.sample("dragoman_channel_lufs", "channel", plan.channelId(c),
                 board.channels[c + 1].loudness.shortTermLufs());
    m.family("dragoman_channel_clips_total", "counter", "Blocks that reached full scale");
    for (int c = -1; c < plan.channelCount(); ++c)
        m.sample("dragoman_channel_clips_total", "channel", plan.channelId(c),
                 board.channels[c + 1].level.clipCount());
    m.family("dragoman_channel_live_seats", "gauge", "Seats live on the channel");
    for (int c = 0; c < plan.channelCount(); ++c)
        m.sample("dragoman_channel_live_seats", "channel", plan.channelId(c),
                 board.channels[c + 1].holders.load(relaxed));
    m.family("dragoman_channel_relay_depth", "gauge",
             "0 floor, 1 direct, 2 relay, 3+ double relay, -1 silence, -2 cycle");
    for (int c = 0; c < plan.channelCount(); ++c)
        m.sample("dragoman_channel_relay_depth", "channel", plan.channelId(c),
                 board.channels[c + 1].depth.load(relaxed));

    int live = 0;
    for (int s = 0; s < plan.seatCount(); ++s)
        live += board.seats[s].live.load(relaxed) ? 1 : 0;
    m.family("dragoman_live_seats", "gauge", "Seats whose microphone is live");
    m.sample("dragoman_live_seats", live);
    m.family("dragoman_seat_limiter_db", "gauge", "Hearing-protection gain reduction");
    for (int s = 0; s < plan.seatCount(); ++s)
        m.sample("dragoman_seat_limiter_db", "seat", plan.seatId(s),
                 board.seats[s].limiterReductionDb.load(relaxed));
    m.family("dragoman_seat_leq_db_spl", "gauge", "Headphone exposure, Leq over 60 s");
    for (int s = 0; s < plan.seatCount(); ++s)
        m.sample("dragoman_seat_leq_db_spl", "seat", plan.seatId(s),
                 board.seats[s].leqDbSpl.load(relaxed));

    m.family("dragoman_stream_packets_total", "counter", "RTP packets sent per channel");
    for (const auto& stream : streams)
        m.sample("dragoman_stream_packets_total", "channel", stream.channel, stream.packets);
    m.family("dragoman_stream_overruns_total", "counter", "Blocks lost before encoding");
    for (const auto& stream : streams)
        m.sample("dragoman_stream_overruns_total", "channel", stream.channel, stream.overruns);
    m.family("dragoman_stream_send_errors_total", "counter", "Failed sends");
    for (const auto& stream : streams)
        m.sample("dragoman_stream_send_errors_total", "channel", stream.channel, stream.sendErrors);
    m.family("dragoman_stream_listeners", "gauge",
             "Receivers that sent an RTCP receiver report in the last 10 s");
    for (const auto& stream : streams)
        sampleListeners(m, stream);

    m.family("dragoman_control_clients", "gauge", "Connected control API clients");
    m.sample("dragoman_control_clients", control.clients);
    m.family("dragoman_control_requests_total", "counter", "JSON-RPC requests received");
    m.sample("dragoman_control_requests_total", control.requests);
    m.family("dragoman_control_errors_total", "counter", "JSON-RPC errors answered, by code");
    for (const auto& [code, count] : control.errors)
        m.sample("dragoman_control_errors_total", "code", std::to_string(code), count);
    m.family("dragoman_control_slow_disconnects_total", "counter",
             "Clients disconnected for not reading");
    m.sample("dragoman_control_slow_disconnects_total", control.disconnectedSlow);
    m.family("dragoman_control_meters_dropped_total", "counter",
             "Meter messages coalesced or dropped for slow clients");
    m.sample("dragoman_control_meters_dropped_total", control.metersDropped);
    m.family("dragoman_alarms_active", "gauge", "Active alarms");
    m.sample("dragoman_alarms_active", control.activeAlarms);
    return m.text();
}

} // namespace dragoman::control
