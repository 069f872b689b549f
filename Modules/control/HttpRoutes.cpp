// ControlHub's plain HTTP side: GET /api/state, /metrics and /sdp/<channel>.sdp, on the
// WebSocket port. Kept apart from the JSON-RPC side of the hub: different callers, same state.

#include "control/ControlHub.h"

#include "stream/StreamSender.h"

#include <iostream>

namespace dragoman::control
{

namespace
{

// The value of `key` in a URL query ("a=1&token=T"), percent-decoding not needed: tokens are
// written by the technician and sent as they are.
std::optional<std::string> queryValue(const std::string& query, const std::string& key)
{
    std::size_t start = 0;
    while (start <= query.size())
    {
        const auto end = std::min(query.find('&', start), query.size());
        const std::string pair = query.substr(start, end - start);
        if (pair.starts_with(key + "="))
            return pair.substr(key.size() + 1);
        start = end + 1;
    }
    return std::nullopt;
}

HttpReply text(int status, std::string body)
{
    return {status, "text/plain; charset=utf-8", std::move(body) + "\n"};
}

} // namespace

HttpReply ControlHub::httpGet(const std::string& target, const std::string& authorization,
                              const std::string& address)
{
    const auto questionMark = target.find('?');
    const std::string path = target.substr(0, questionMark);
    const std::string query =
        questionMark == std::string::npos ? "" : target.substr(questionMark + 1);

    std::optional<std::string> token;
    if (authorization.starts_with("Bearer "))
        token = authorization.substr(7);
    else
        token = queryValue(query, "token");
    const auto log = [&](int status, const std::string& why)
    {
        ++counters.errors[status == 401 ? rpc::kUnauthenticated : rpc::kForbidden];
        std::cerr << "dragoman engine: control: " << address << " (http): GET " << path << ": "
                  << status << ' ' << why << '\n';
    };
    if (!token)
    {
        log(401, "no token");
        return text(401, "401 unauthenticated: send Authorization: Bearer TOKEN or ?token=TOKEN");
    }
    const auto identity = tokens.find(*token);
    if (!identity)
    {
        log(401, "wrong token");
        return text(401, "401 unauthenticated: wrong token");
    }

    if (path == "/api/state")
    {
        auto state = currentState();
        state["meters"] = stateJson.meters(static_cast<double>(engine.status().frames.load()) /
                                           engine.sampleRate());
        return {200, "application/json",
                state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    }
    if (path == "/metrics")
    {
        // Monitoring is the technician's and the venue's (viewer), not an interpreter's.
        if (identity->kind == RoleKind::seat)
        {
            log(403, identity->role() + " may not read /metrics");
            return text(403, "403 forbidden: role " + identity->role() + " may not read /metrics");
        }
        counters.clients = static_cast<int>(clients.size());
        std::uint64_t dropped = 0;
        for (const auto& [id, client] : clients)
            dropped += client.outbox.metersDropped();
        ControlCounters snapshot = counters;
        snapshot.metersDropped += dropped;
        return {200, "text/plain; version=0.0.4; charset=utf-8",
                metricsText(engine, driver, streamStats(), snapshot)};
    }
    if (path.starts_with("/sdp/") && path.ends_with(".sdp"))
    {
        const std::string channel = path.substr(5, path.size() - 9);
        if (streams)
            for (const auto& [id, sdp] : streams->sdps())
                if (id == channel)
                    return {200, "application/sdp", sdp};
        return text(404, "404 not found: channel '" + channel + "' is not streamed");
    }
    return text(404, "404 not found: GET /api/state, /metrics, /sdp/CHANNEL.sdp; "
                     "JSON-RPC on ws://HOST:PORT/rpc");
}

} // namespace dragoman::control
