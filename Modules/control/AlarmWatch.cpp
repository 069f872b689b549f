#include "control/AlarmWatch.h"

#include <algorithm>
#include <cstdio>

namespace dragoman::control
{

namespace
{

std::string format(const char* pattern, double value)
{
    char text[160];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

} // namespace

nlohmann::json Alarm::toJson() const
{
    nlohmann::json out{{"id", id},     {"kind", kind},          {"subject", subject},
                       {"text", text}, {"raised_at", raisedAt}, {"acked", acked}};
    out["cleared_at"] = clearedAt ? nlohmann::json(*clearedAt) : nlohmann::json(nullptr);
    return out;
}

void AlarmWatch::raise(const Key& key, const std::string& text, const AlarmInputs& inputs,
                       std::vector<Alarm>& changed)
{
    if (alarms.contains(key))
        return;
    Alarm alarm;
    alarm.id = ++lastId;
    alarm.kind = key.first;
    alarm.subject = key.second;
    alarm.text = text;
    alarm.raisedAt = inputs.wallClock;
    alarms.emplace(key, alarm);
    changed.push_back(alarm);
}

void AlarmWatch::clear(const Key& key, const AlarmInputs& inputs, std::vector<Alarm>& changed)
{
    const auto found = alarms.find(key);
    if (found == alarms.end())
        return;
    Alarm alarm = found->second;
    alarm.clearedAt = inputs.wallClock;
    alarms.erase(found);
    changed.push_back(alarm);
}

void AlarmWatch::hold(const Key& key, bool on, double holdSeconds, const std::string& text,
                      const AlarmInputs& inputs, std::vector<Alarm>& changed)
{
    auto& watch = watches[key];
    if (on)
    {
        watch.lastSeen = inputs.now;
        raise(key, text, inputs, changed);
    }
    else if (inputs.now - watch.lastSeen >= holdSeconds)
        clear(key, inputs, changed);
}

std::vector<Alarm> AlarmWatch::update(const AlarmInputs& inputs)
{
    std::vector<Alarm> changed;
    for (const auto& channel : inputs.channels)
    {
        const std::string label = channel.name.empty() ? channel.id : channel.name;

        // Silent: live (someone holds it) and below -60 dBFS for 10 s without a break.
        const Key silent{"silent-channel", channel.id};
        auto& silence = watches[silent];
        if (channel.live && channel.peakDb < kSilentDb)
        {
            if (!silence.since)
                silence.since = inputs.now;
            if (inputs.now - *silence.since >= kSilentSeconds)
                raise(silent,
                      format((label + " is live but silent for %.0f s").c_str(),
                             inputs.now - *silence.since),
                      inputs, changed);
        }
        else
        {
            silence.since.reset();
            clear(silent, inputs, changed);
        }

        // Clipping: any new full-scale block since the last snapshot.
        const Key clipping{"clipping", channel.id};
        auto& clips = watches[clipping];
        const bool clipped = channel.clipCount != clips.clips;
        clips.clips = channel.clipCount;
        hold(clipping, clipped, kClearSeconds, label + " is clipping (full scale)", inputs,
             changed);

        if (channel.lossPercent)
        {
            const Key loss{"receiver-loss", channel.id};
            const bool lossy = *channel.lossPercent >= kLossPercent;
            if (lossy)
                raise(loss,
                      format((label + ": receivers report %.1f %% packet loss").c_str(),
                             *channel.lossPercent),
                      inputs, changed);
            else if (*channel.lossPercent < kLossClearPercent)
                clear(loss, inputs, changed);
        }
    }

    for (const auto& seat : inputs.seats)
    {
        const std::string subject = "seat:" + seat.id;
        hold({"limiter", subject}, seat.limiterDb >= kLimiterDb, kClearSeconds,
             format(("seat " + seat.id + ": the hearing-protection limiter takes %.1f dB").c_str(),
                    seat.limiterDb),
             inputs, changed);
        const Key exposure{"exposure", subject};
        if (seat.exposureWarning)
            raise(exposure,
                  format(("seat " + seat.id + ": exposure %.1f dB SPL over the last 60 s").c_str(),
                         seat.leqDbSpl),
                  inputs, changed);
        else
            clear(exposure, inputs, changed);
    }

    const Key cycle{"relay-cycle", "relay"};
    if (inputs.relayCycle)
        raise(cycle, "relay cycle: " + inputs.cyclePath, inputs, changed);
    else
        clear(cycle, inputs, changed);

    // Device: lost or stalled is one alarm, new xruns another (they clear after 10 s without).
    const Key lost{"device", "device"};
    if (!inputs.deviceRunning)
        raise(lost, "the audio device stopped (device or JACK server lost)", inputs, changed);
    else if (inputs.callbacksStalled)
        raise(lost, "no audio callback: is the device (or the JACK server) running?", inputs,
              changed);
    else
        clear(lost, inputs, changed);
    const bool newXruns = lastXruns && inputs.xruns > *lastXruns;
    const std::uint64_t xrunsNow =
        lastXruns ? inputs.xruns - std::min(inputs.xruns, *lastXruns) : 0;
    lastXruns = inputs.xruns;
    hold({"device", "xruns"}, newXruns, kXrunClearSeconds,
         format("audio device: %.0f xruns (dropouts)", static_cast<double>(xrunsNow)), inputs,
         changed);
    return changed;
}

std::optional<Alarm> AlarmWatch::acknowledge(std::uint64_t id)
{
    for (auto& [key, alarm] : alarms)
        if (alarm.id == id)
        {
            alarm.acked = true;
            return alarm;
        }
    return std::nullopt;
}

std::vector<Alarm> AlarmWatch::active() const
{
    std::vector<Alarm> list;
    for (const auto& [key, alarm] : alarms)
        list.push_back(alarm);
    std::sort(list.begin(), list.end(), [](const Alarm& a, const Alarm& b) { return a.id < b.id; });
    return list;
}

nlohmann::json AlarmWatch::activeJson() const
{
    auto list = nlohmann::json::array();
    for (const auto& alarm : active())
        list.push_back(alarm.toJson());
    return list;
}

} // namespace dragoman::control
