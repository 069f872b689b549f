#include "control/ControlHub.h"

#include "control/WallClock.h"
#include "core/Event.h"
#include "stream/StreamSender.h"

#include <iostream>

namespace dragoman::control
{

namespace
{

constexpr auto kStateCoalesce = std::chrono::milliseconds(5);
// Fast enough for 50 Hz meters; the outbox flush for WebSocket clients rides on it too.
constexpr auto kTick = std::chrono::milliseconds(10);
constexpr double kAlarmPeriod = 0.25;
constexpr double kStallSeconds = 2.0;

std::string dump(const nlohmann::json& value)
{
    // Replace rather than throw on a bad byte: a log line must never end a connection.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename Stats> std::optional<double> lossOf(const Stats& stats)
{
    if constexpr (requires { stats.lossPercent; })
        return static_cast<double>(stats.lossPercent);
    else
        return std::nullopt;
}

} // namespace

ControlHub::ControlHub(asio::io_context& context, Engine& running, TokenTable table,
                       std::filesystem::path presetsDir, EngineIdentity identity,
                       const StreamSender* senders)
    : io(context), engine(running), tokens(std::move(table)), mirror(running.floorplan()),
      stateJson(running, mirror, identity), messages(running.floorplan()),
      presets(std::move(presetsDir)), dispatcher(RpcParts{running, tokens, mirror, events, messages,
                                                          alarms, presets, identity.version},
                                                 *this),
      streams(senders), stateTimer(context), tickTimer(context)
{
}

double ControlHub::seconds() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void ControlHub::start()
{
    tick();
}

void ControlHub::stop()
{
    stopped = true;
    stateTimer.cancel();
    tickTimer.cancel();
    std::vector<std::uint64_t> ids;
    for (const auto& [id, client] : clients)
        ids.push_back(id);
    for (const auto id : ids)
        if (const auto found = clients.find(id); found != clients.end())
            disconnect(found->second, "", true);
}

std::vector<ChannelStreamStats> ControlHub::streamStats() const
{
    return streams ? streams->stats() : std::vector<ChannelStreamStats>{};
}

StateExtras ControlHub::extras(bool withAlarms) const
{
    StateExtras out;
    out.revision = revision;
    out.uptimeSeconds = seconds();
    out.driver = driver;
    out.streams = streamStats();
    if (withAlarms)
        out.alarms = alarms.activeJson();
    out.clients = static_cast<int>(clients.size());
    return out;
}

// ---- connections --------------------------------------------------------------------------

std::uint64_t ControlHub::open(const std::string& address, const std::string& transport,
                               std::shared_ptr<ClientChannel> channel,
                               const std::optional<std::string>& token)
{
    const std::uint64_t id = ++lastClientId;
    Client& client = clients[id];
    client.rpc.id = id;
    client.rpc.address = address;
    client.transport = transport;
    client.channel = std::move(channel);
    if (token)
    {
        client.rpc.identity = tokens.find(*token);
        if (client.rpc.identity)
        {
            notify(client, "state", currentState());
            stateChanged();
        }
    }
    return id;
}

void ControlHub::closed(std::uint64_t id, const std::string& why)
{
    const auto found = clients.find(id);
    if (found == clients.end())
        return;
    if (!why.empty())
        std::cerr << "dragoman engine: control: " << found->second.rpc.address << " ("
                  << found->second.transport << "): " << why << '\n';
    const bool authenticated = found->second.rpc.identity.has_value();
    clients.erase(found);
    if (authenticated)
        stateChanged();
}

void ControlHub::oversized(const std::string& address, const std::string& transport)
{
    ++counters.errors[rpc::kInvalidRequest];
    std::cerr << "dragoman engine: control: " << address << " (" << transport
              << "): a message over " << kMaxMessageBytes / 1024 << " KiB; connection closed\n";
}

bool ControlHub::knownToken(const std::string& token)
{
    return tokens.find(token).has_value();
}

std::optional<std::string> ControlHub::nextOutgoing(std::uint64_t id)
{
    const auto found = clients.find(id);
    if (found == clients.end())
        return std::nullopt;
    return found->second.outbox.pop();
}

bool ControlHub::hasOutgoing(std::uint64_t id)
{
    const auto found = clients.find(id);
    return found != clients.end() && !found->second.outbox.empty();
}

void ControlHub::disconnect(Client& client, const std::string& why, bool flush)
{
    if (client.closing)
        return;
    client.closing = true;
    // The channel calls closed() when the socket is gone, which erases the client.
    auto channel = client.channel;
    channel->close(why, flush);
}

// ---- requests -------------------------------------------------------------------------------

void ControlHub::receive(std::uint64_t id, const std::string& text)
{
    const auto found = clients.find(id);
    if (found == clients.end() || found->second.closing)
        return;
    Client& client = found->second;
    ++counters.requests;

    nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
    if (message.is_discarded())
    {
        const auto reply = rpc::error(nullptr, rpc::kParseError, "parse error: malformed JSON");
        logError(client, reply);
        send(client, reply);
        disconnect(client, "malformed JSON; connection closed", true);
        return;
    }
    const std::optional<Identity> before = client.rpc.identity;
    nlohmann::json reply;
    if (message.is_array())
    {
        reply = nlohmann::json::array();
        for (const auto& one : message)
            if (auto answer = handleOne(one, client); !answer.is_null())
                reply.push_back(std::move(answer));
        if (message.empty())
            reply = rpc::error(nullptr, rpc::kInvalidRequest, "invalid request: empty batch");
        else if (reply.empty())
            reply = nullptr;
    }
    else
        reply = handleOne(message, client);
    if (!reply.is_null())
        send(client, reply);
    // After the reply: the state as this client may now see it.
    if (client.rpc.identity && (!before || before->role() != client.rpc.identity->role()))
    {
        notify(client, "state", currentState());
        stateChanged();
    }
}

nlohmann::json ControlHub::handleOne(const nlohmann::json& message, Client& client)
{
    nlohmann::json reply;
    if (!client.budget.take(seconds()))
    {
        const nlohmann::json id =
            message.is_object() && message.contains("id") ? message["id"] : nlohmann::json();
        reply = rpc::error(id, rpc::kThrottled,
                           "throttled: more than 100 requests a second (burst 200)");
        ++counters.errors[rpc::kThrottled];
        // One line per burst, not one per refused request: the log must survive a flood.
        if (!client.throttleLogged)
            logError(client, reply);
        client.throttleLogged = true;
        return message.is_object() && !message.contains("id") ? nlohmann::json() : reply;
    }
    client.throttleLogged = false;
    try
    {
        reply = dispatcher.handle(message, client.rpc);
    }
    catch (const std::exception& error)
    {
        reply = rpc::error(nullptr, -32603, std::string("internal error: ") + error.what());
    }
    if (reply.is_object() && reply.contains("error"))
        logError(client, reply);
    return reply;
}

void ControlHub::logError(const Client& client, const nlohmann::json& response)
{
    const auto& error = response["error"];
    const int code = error["code"].get<int>();
    if (code != rpc::kThrottled)
        ++counters.errors[code];
    std::cerr << "dragoman engine: control: " << client.rpc.address << " ("
              << (client.rpc.identity ? client.rpc.identity->role() : "unauthenticated")
              << "): error " << code << ": " << error["message"].get<std::string>() << '\n';
}

// ---- sending --------------------------------------------------------------------------------

void ControlHub::send(Client& client, const nlohmann::json& message)
{
    if (client.closing)
        return;
    if (!client.outbox.push(dump(message)))
    {
        ++counters.disconnectedSlow;
        disconnect(client,
                   "does not read: over 1 MiB waiting; disconnected (state.get resynchronises)",
                   false);
        return;
    }
    client.channel->wake();
}

void ControlHub::notify(Client& client, const char* method, const nlohmann::json& params)
{
    send(client, {{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

void ControlHub::broadcast(const char* method, const nlohmann::json& params)
{
    const std::string text = dump({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
    std::vector<std::uint64_t> ids;
    for (const auto& [id, client] : clients)
        if (client.rpc.identity && !client.closing)
            ids.push_back(id);
    for (const auto id : ids)
    {
        const auto found = clients.find(id);
        if (found == clients.end())
            continue;
        Client& client = found->second;
        if (!client.outbox.push(text))
        {
            ++counters.disconnectedSlow;
            disconnect(client, "does not read: over 1 MiB waiting; disconnected", false);
            continue;
        }
        client.channel->wake();
    }
}

// ---- what the engine says -------------------------------------------------------------------

void ControlHub::onEvent(const Event& event)
{
    mirror.note(event);
    auto json = nlohmann::json::parse(eventToJson(event, engine.floorplan(), engine.sampleRate()),
                                      nullptr, false);
    if (json.is_discarded())
        json = {{"type", std::string(eventName(event.kind))}};
    broadcast("event", events.append(std::move(json)));
    stateChanged();
}

void ControlHub::noteDriver(const DriverSnapshot& snapshot)
{
    const double t = seconds();
    if (snapshot.callbacks != lastCallbacks)
    {
        lastCallbacks = snapshot.callbacks;
        lastProgress = t;
    }
    driver = snapshot;
    driver.stalled = snapshot.running && t - lastProgress > kStallSeconds;
}

void ControlHub::stateChanged()
{
    if (statePending || stopped)
        return;
    statePending = true;
    stateTimer.expires_after(kStateCoalesce);
    stateTimer.async_wait(
        [this](const std::error_code& error)
        {
            if (!error)
                sendState();
        });
}

void ControlHub::sendState()
{
    statePending = false;
    ++revision;
    broadcast("state", stateJson.state(extras(true)));
}

nlohmann::json ControlHub::currentState()
{
    return stateJson.state(extras(true));
}

std::string ControlHub::now()
{
    return isoNow();
}

void ControlHub::messageSent(const Message& message)
{
    const auto params = message.toJson();
    for (auto& [id, client] : clients)
        if (client.rpc.identity && messages.visibleTo(message, *client.rpc.identity))
            notify(client, "message", params);
}

void ControlHub::alarmChanged(const Alarm& alarm)
{
    broadcast("alarm", alarm.toJson());
    stateChanged();
}

// ---- timers ---------------------------------------------------------------------------------

void ControlHub::tick()
{
    if (stopped)
        return;
    const double t = seconds();
    std::optional<std::string> meters;
    for (auto& [id, client] : clients)
    {
        if (!client.rpc.identity || client.rpc.meterHz <= 0.0 || t < client.nextMeters ||
            client.closing)
            continue;
        if (!meters)
            meters = dump(
                {{"jsonrpc", "2.0"},
                 {"method", "meters"},
                 {"params", stateJson.meters(static_cast<double>(engine.status().frames.load()) /
                                             engine.sampleRate())}});
        client.outbox.pushMeters(*meters);
        const double period = 1.0 / client.rpc.meterHz;
        client.nextMeters = std::max(client.nextMeters + period, t + period * 0.5);
    }
    if (t >= nextAlarmCheck)
    {
        nextAlarmCheck = t + kAlarmPeriod;
        checkAlarms();
    }
    // Writes the socket layer could not take earlier (WebSocket), and the meters just queued.
    std::vector<std::uint64_t> pending;
    for (const auto& [id, client] : clients)
        if (!client.outbox.empty() && !client.closing)
            pending.push_back(id);
    for (const auto id : pending)
        if (const auto found = clients.find(id); found != clients.end())
            found->second.channel->wake();
    tickTimer.expires_after(kTick);
    tickTimer.async_wait(
        [this](const std::error_code& error)
        {
            if (!error)
                tick();
        });
}

AlarmInputs ControlHub::alarmInputs() const
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    constexpr auto relaxed = std::memory_order_relaxed;
    AlarmInputs inputs;
    inputs.now = seconds();
    inputs.wallClock = isoNow();
    const auto stats = streamStats();
    for (int c = -1; c < plan.channelCount(); ++c)
    {
        const auto& status = board.channels[c + 1];
        AlarmInputs::Channel channel;
        channel.id = plan.channelId(c);
        channel.name = c < 0 ? "Floor" : plan.session().channels[c].name;
        channel.live = c >= 0 && status.holder.load(relaxed) >= 0;
        channel.peakDb = status.level.peakDb();
        channel.clipCount = status.level.clipCount();
        for (const auto& stream : stats)
            if (stream.channel == channel.id)
                channel.lossPercent = lossOf(stream);
        inputs.channels.push_back(channel);
    }
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& status = board.seats[s];
        inputs.seats.push_back({plan.seatId(s), status.limiterReductionDb.load(relaxed),
                                status.exposureWarning.load(relaxed),
                                status.leqDbSpl.load(relaxed)});
    }
    inputs.relayCycle = board.relayCycle.load(relaxed);
    for (const auto& channel : mirror.cyclePath())
        inputs.cyclePath += (inputs.cyclePath.empty() ? "" : " -> ") + channel;
    inputs.xruns = driver.xruns;
    inputs.deviceRunning = driver.running || driver.callbacks == 0;
    inputs.callbacksStalled = driver.stalled;
    return inputs;
}

void ControlHub::checkAlarms()
{
    for (const auto& alarm : alarms.update(alarmInputs()))
    {
        std::cerr << "dragoman engine: alarm " << (alarm.clearedAt ? "cleared" : "raised") << ": "
                  << alarm.text << '\n';
        alarmChanged(alarm);
    }
    counters.activeAlarms = alarms.active().size();
}

} // namespace dragoman::control
