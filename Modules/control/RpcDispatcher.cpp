#include "control/RpcDispatcher.h"

#include "control/CommandMethods.h"
#include "control/SessionJson.h"
#include "core/Command.h"

#include <algorithm>

namespace dragoman::control
{

namespace rpc
{
nlohmann::json error(const nlohmann::json& id, int code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}
} // namespace rpc

namespace
{

enum class Access
{
    read,       // any authenticated role
    seat,       // technician, or a seat for its own seat
    send,       // technician or a seat (messages)
    technician, // technician only
};

const std::vector<std::string_view> readMethods{
    "auth",       "rpc.methods", "state.get",   "session.get",  "session.presets",
    "events.get", "alarms.get",  "monitor.get", "messages.get", "meters.subscribe"};
const std::vector<std::string_view> technicianMethods{
    "floor.language", "channel.idle", "booth.interlock", "interlock.between", "monitor.set",
    "command",        "session.save", "session.load",    "alarms.ack"};

bool contains(const std::vector<std::string_view>& list, std::string_view method)
{
    return std::find(list.begin(), list.end(), method) != list.end();
}

Access accessOf(std::string_view method)
{
    if (contains(readMethods, method))
        return Access::read;
    if (isSeatMethod(method))
        return Access::seat;
    if (method == "messages.send")
        return Access::send;
    return Access::technician;
}

std::optional<std::uint64_t> unsignedParam(const nlohmann::json& params, const char* key,
                                           std::uint64_t fallback)
{
    const auto found = params.find(key);
    if (found == params.end() || found->is_null())
        return fallback;
    if (!found->is_number_integer() || found->get<std::int64_t>() < 0)
        return std::nullopt;
    return found->get<std::uint64_t>();
}

std::optional<std::string> stringParam(const nlohmann::json& params, const char* key)
{
    const auto found = params.find(key);
    if (found == params.end() || !found->is_string())
        return std::nullopt;
    return found->get<std::string>();
}

} // namespace

const std::vector<std::string_view>& RpcDispatcher::methods()
{
    static const std::vector<std::string_view> all = []
    {
        std::vector<std::string_view> list = readMethods;
        for (const auto method : commandMethods())
            list.push_back(method);
        for (const auto method : {"session.save", "session.load", "messages.send", "alarms.ack"})
            list.push_back(method);
        return list;
    }();
    return all;
}

bool RpcDispatcher::allowed(std::string_view method, const Identity& identity)
{
    switch (accessOf(method))
    {
    case Access::read:
        return true;
    case Access::seat:
    case Access::send:
        return identity.kind != RoleKind::viewer;
    case Access::technician:
        return identity.kind == RoleKind::technician;
    }
    return false;
}

RpcDispatcher::RpcDispatcher(RpcParts rpcParts, RpcHost& rpcHost)
    : parts(std::move(rpcParts)), host(rpcHost)
{
}

nlohmann::json RpcDispatcher::handle(const nlohmann::json& message, RpcClient& client)
{
    if (!message.is_object())
        return rpc::error(nullptr, rpc::kInvalidRequest,
                          "invalid request: expected a JSON-RPC 2.0 object");
    const auto idField = message.find("id");
    const bool notification = idField == message.end();
    nlohmann::json id = notification ? nlohmann::json(nullptr) : *idField;
    if (!id.is_null() && !id.is_string() && !id.is_number_integer())
        return rpc::error(nullptr, rpc::kInvalidRequest,
                          "invalid request: id must be a string or an integer");
    const auto version = message.find("jsonrpc");
    const auto methodField = message.find("method");
    if (version == message.end() || *version != "2.0" || methodField == message.end() ||
        !methodField->is_string())
        return rpc::error(id, rpc::kInvalidRequest,
                          "invalid request: needs \"jsonrpc\": \"2.0\" and a method name");
    const std::string method = methodField->get<std::string>();
    nlohmann::json params = nlohmann::json::object();
    if (const auto found = message.find("params"); found != message.end() && !found->is_null())
    {
        if (!found->is_object())
            return rpc::error(id, rpc::kInvalidParams, "invalid params: params must be an object");
        params = *found;
    }

    Reply reply = [&]() -> Reply
    {
        if (!contains(methods(), method))
            return Failure{rpc::kMethodNotFound, "method not found: '" + method + "'"};
        if (method != "auth" && !client.identity)
            return Failure{rpc::kUnauthenticated, "unauthenticated: call auth with a token first"};
        if (method != "auth" && !allowed(method, *client.identity))
            return Failure{rpc::kForbidden, "forbidden: role " + client.identity->role() +
                                                " may not call " + method};
        return call(method, params, client);
    }();

    if (notification)
        return nullptr;
    if (const auto* failure = std::get_if<Failure>(&reply))
        return rpc::error(id, failure->code, failure->message);
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::get<nlohmann::json>(reply)}};
}

RpcDispatcher::Reply RpcDispatcher::call(const std::string& method, const nlohmann::json& params,
                                         RpcClient& client)
{
    const auto& plan = parts.engine.floorplan();
    if (method == "auth")
        return auth(params, client);
    if (isCommandMethod(method))
    {
        if (client.identity->kind == RoleKind::seat)
        {
            const auto seat = stringParam(params, "seat");
            if (seat && *seat != client.identity->seatId)
                return Failure{rpc::kForbidden, "forbidden: role " + client.identity->role() +
                                                    " may not control seat " + *seat};
        }
        return command(method, params);
    }
    if (method == "rpc.methods")
    {
        auto list = nlohmann::json::array();
        for (const auto name : methods())
            if (allowed(name, *client.identity))
                list.push_back(name);
        return nlohmann::json{{"methods", list}};
    }
    if (method == "state.get")
        return host.currentState();
    if (method == "session.get")
        return sessionToJson(plan.session());
    if (method == "monitor.get")
        return nlohmann::json{
            {"source", monitorSourceName(parts.engine.status().monitorSource(), plan)}};
    if (method == "events.get")
    {
        const auto after = unsignedParam(params, "after", 0);
        const auto limit = unsignedParam(params, "limit", 200);
        if (!after || !limit || *limit < 1 || *limit > 1000)
            return Failure{rpc::kInvalidParams,
                           "invalid params: after: a sequence number >= 0; limit: 1 to 1000"};
        auto page = parts.events.after(*after, static_cast<std::size_t>(*limit));
        return nlohmann::json{{"events", std::move(page.events)}, {"next", page.next}};
    }
    if (method == "alarms.get")
        return nlohmann::json{{"alarms", parts.alarms.activeJson()}};
    if (method == "alarms.ack")
    {
        const auto id = unsignedParam(params, "id", 0);
        if (!id || *id == 0)
            return Failure{rpc::kInvalidParams, "invalid params: id: an alarm's id"};
        const auto alarm = parts.alarms.acknowledge(*id);
        if (!alarm)
            return Failure{rpc::kNotFound, "not found: no active alarm " + std::to_string(*id)};
        host.alarmChanged(*alarm);
        return nlohmann::json::object();
    }
    if (method == "messages.get")
    {
        const auto after = unsignedParam(params, "after", 0);
        if (!after)
            return Failure{rpc::kInvalidParams, "invalid params: after: a message id >= 0"};
        return nlohmann::json{{"messages", parts.messages.after(*after, *client.identity)}};
    }
    if (method == "messages.send")
    {
        const auto to = stringParam(params, "to");
        const auto kind = stringParam(params, "kind");
        const auto text =
            params.contains("text") ? stringParam(params, "text") : std::optional<std::string>("");
        if (!to || !kind || !text)
            return Failure{rpc::kInvalidParams,
                           "invalid params: to (technician, everyone, seat:ID, booth:ID), kind (text, "
                           "slow-down, call-technician) and text are strings"};
        auto sent = parts.messages.send(*client.identity, *to, *kind, *text, host.now());
        if (!sent)
        {
            const bool forbidden = sent.error().starts_with("forbidden:");
            const bool unknown = sent.error().find("unknown") != std::string::npos;
            return Failure{forbidden ? rpc::kForbidden
                                     : (unknown ? rpc::kNotFound : rpc::kInvalidParams),
                           forbidden ? sent.error() : "invalid params: " + sent.error()};
        }
        host.messageSent(sent.value());
        return nlohmann::json{{"id", sent->id}};
    }
    if (method == "meters.subscribe")
    {
        const auto found = params.find("hz");
        const double hz = found == params.end() ? 20.0
                          : found->is_number()  ? found->get<double>()
                                                : -1.0;
        if (!(hz >= 0.0 && hz <= 50.0))
            return Failure{rpc::kInvalidParams,
                           "invalid params: hz: 0 (stop) to 50 meter messages a second"};
        client.meterHz = hz;
        return nlohmann::json::object();
    }
    if (method == "session.presets")
    {
        auto list = parts.presets.list();
        if (!list)
            return Failure{rpc::kInvalidParams, list.error()};
        auto presets = nlohmann::json::array();
        for (const auto& preset : list.value())
            presets.push_back({{"name", preset.name}, {"saved_at", preset.savedAt}});
        return nlohmann::json{{"presets", presets}};
    }
    if (method == "session.save")
    {
        const auto name = stringParam(params, "name");
        if (!name)
            return Failure{rpc::kInvalidParams, "invalid params: name: the preset's name"};
        auto saved = parts.presets.save(*name, PresetStore::settingsOf(parts.engine, parts.mirror),
                                        host.now());
        if (!saved)
            return Failure{rpc::kInvalidParams, "invalid params: " + saved.error()};
        return nlohmann::json{{"name", saved->name}, {"saved_at", saved->savedAt}};
    }
    if (method == "session.load")
    {
        const auto name = stringParam(params, "name");
        if (!name)
            return Failure{rpc::kInvalidParams, "invalid params: name: the preset's name"};
        auto lines = parts.presets.load(*name, plan);
        if (!lines)
            return Failure{lines.error().starts_with("not found:") ? rpc::kNotFound
                                                                   : rpc::kInvalidParams,
                           lines.error()};
        for (const auto& line : lines.value())
            if (const auto posted = post(line); std::holds_alternative<Failure>(posted))
                return posted;
        return nlohmann::json{{"name", *name}, {"queued", lines->size()}};
    }
    return Failure{rpc::kMethodNotFound, "method not found: '" + method + "'"};
}

RpcDispatcher::Reply RpcDispatcher::auth(const nlohmann::json& params, RpcClient& client)
{
    const auto token = stringParam(params, "token");
    if (!token)
        return Failure{rpc::kUnauthenticated, "unauthenticated: auth needs {\"token\": T}"};
    auto identity = parts.tokens.find(*token);
    if (!identity)
    {
        client.identity.reset();
        return Failure{rpc::kUnauthenticated, "unauthenticated: wrong token"};
    }
    client.identity = *identity;
    nlohmann::json result{
        {"role", identity->role()},
        {"name", identity->name},
        {"engine",
         {{"version", parts.version}, {"session", parts.engine.floorplan().session().name}}}};
    if (identity->kind == RoleKind::seat)
        result["seat"] = identity->seatId;
    return result;
}

RpcDispatcher::Reply RpcDispatcher::command(const std::string& method, const nlohmann::json& params)
{
    auto line = commandLine(method, params);
    if (!line)
        return Failure{rpc::kInvalidParams, "invalid params: " + line.error()};
    return post(line.value());
}

RpcDispatcher::Reply RpcDispatcher::post(const std::string& line)
{
    auto parsed = parseCommand(line, parts.engine.floorplan());
    if (!parsed)
        return Failure{rpc::kInvalidParams, "invalid params: " + parsed.error()};
    if (!parts.engine.post(parsed.value()))
        return Failure{rpc::kBusy, "engine busy: its command queue is full"};
    return nlohmann::json{{"queued", true}, {"command", line}};
}

} // namespace dragoman::control
