#include "control/SessionJson.h"

#include "core/Interlock.h"

namespace dragoman::control
{

std::string endpointText(const StreamEndpoint& endpoint)
{
    return endpoint.address + ":" + std::to_string(endpoint.port);
}

nlohmann::json remoteSeatJson(const std::optional<RemoteSeatSpec>& remote)
{
    if (!remote)
        return nullptr;
    return {{"listen", endpointText(remote->listen)}, {"send_to", endpointText(remote->sendTo)}};
}

namespace
{

nlohmann::json network(const NetworkSpec& spec)
{
    nlohmann::json channels = nlohmann::json::object();
    for (const auto& destinations : spec.channels)
    {
        nlohmann::json channel = nlohmann::json::object();
        if (destinations.multicast)
            channel["multicast"] = endpointText(*destinations.multicast);
        auto unicast = nlohmann::json::array();
        for (const auto& endpoint : destinations.unicast)
            unicast.push_back(endpointText(endpoint));
        if (!unicast.empty())
            channel["unicast"] = unicast;
        channels[destinations.channel] = channel;
    }
    return {{"interface", spec.interface},
            {"ttl", spec.ttl},
            {"opus",
             {{"frame_ms", spec.opus.frameMicroseconds / 1000.0},
              {"bitrate", spec.opus.bitrate},
              {"complexity", spec.opus.complexity},
              {"fec", spec.opus.fec},
              {"expected_loss", spec.opus.expectedLossPercent}}},
            {"sap",
             {{"enabled", spec.sap.enabled},
              {"address", spec.sap.address},
              {"port", spec.sap.port},
              {"interval_s", spec.sap.intervalSeconds}}},
            {"channels", channels}};
}

} // namespace

nlohmann::json sessionToJson(const Session& session)
{
    nlohmann::json out;
    out["name"] = session.name;
    out["sample_rate"] = session.sampleRate;
    out["block_frames"] = session.blockFrames;
    out["floor"] = {{"language", session.floorLanguage}};
    auto channels = nlohmann::json::array();
    for (const auto& channel : session.channels)
        channels.push_back({{"id", channel.id},
                            {"language", channel.language},
                            {"name", channel.name},
                            {"idle", channel.idle == IdleFeed::floor ? "floor" : "silence"}});
    out["channels"] = channels;
    auto booths = nlohmann::json::array();
    for (const auto& booth : session.booths)
    {
        nlohmann::json outputs = nlohmann::json::object();
        for (const auto& output : booth.outputs)
            outputs[std::string(1, output.label)] = output.channel;
        auto seats = nlohmann::json::array();
        for (const auto& seat : booth.seats)
        {
            nlohmann::json entry = {{"id", seat.id}, {"spl_at_0dbfs", seat.splAt0dBFS}};
            if (seat.remote)
                entry["remote"] = remoteSeatJson(seat.remote);
            seats.push_back(std::move(entry));
        }
        booths.push_back({{"id", booth.id},
                          {"outputs", outputs},
                          {"understands", booth.understands},
                          {"interlock", std::string(toString(booth.interlock))},
                          {"seats", seats}});
    }
    out["booths"] = booths;
    out["interlock_between_booths"] = std::string(toString(session.interlockBetweenBooths));
    nlohmann::json pivots = nlohmann::json::object();
    for (const auto& pivot : session.pivots)
        pivots[pivot.floorLanguage] = pivot.channel;
    out["pivots"] = pivots;
    nlohmann::json inputs = nlohmann::json::object();
    for (const auto& port : session.audio.inputs)
        inputs[port.endpoint] = port.deviceChannel;
    nlohmann::json outputs = nlohmann::json::object();
    for (const auto& port : session.audio.outputs)
        outputs[port.endpoint] = port.deviceChannel;
    out["audio"] = {{"host_api", session.audio.hostApi},
                    {"device", session.audio.device},
                    {"inputs", inputs},
                    {"outputs", outputs}};
    if (session.network)
        out["network"] = network(*session.network);
    if (session.control)
    {
        const auto& control = *session.control;
        nlohmann::json section = nlohmann::json::object();
        if (control.listen)
            section["listen"] = control.listen->host + ":" + std::to_string(control.listen->port);
        if (control.tcp)
            section["tcp"] = control.tcp->host + ":" + std::to_string(control.tcp->port);
        section["presets_dir"] = control.presetsDir;
        section["tls"] = !control.tlsCertificate.empty();
        out["control"] = section;
    }
    return out;
}

} // namespace dragoman::control
