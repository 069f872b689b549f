#include "RemoteAudioPlan.h"

namespace dragoman::booth
{

namespace
{

std::string hostOf(const std::string& endpoint)
{
    const auto colon = endpoint.rfind(':');
    return colon == std::string::npos ? endpoint : endpoint.substr(0, colon);
}

std::string portOf(const std::string& endpoint)
{
    const auto colon = endpoint.rfind(':');
    return colon == std::string::npos ? std::string{} : endpoint.substr(colon + 1);
}

} // namespace

std::optional<RemoteAudioOptions> remoteAudioFromState(const RemoteAudioOptions& commandLine,
                                                       const SeatInfo& seat,
                                                       const std::string& controlHost)
{
    if (commandLine.enabled() || !commandLine.fromSession || !seat.remote())
        return std::nullopt;
    RemoteAudioOptions options = commandLine;
    const std::string engineHost = hostOf(seat.remoteListen);
    options.engine = (engineHost == "0.0.0.0" && !controlHost.empty() ? controlHost : engineHost) +
                     ":" + portOf(seat.remoteListen);
    // send_to is this machine as the engine addresses it, which behind a NAT is not an address
    // of ours: take the feed on any address, at that port.
    options.listen = "0.0.0.0:" + portOf(seat.remoteSendTo);
    if (!commandLine.splGiven)
        options.splAt0dBFS = seat.splAt0dBFS;
    return options;
}

} // namespace dragoman::booth
