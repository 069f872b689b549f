#include "JsonRpcMessage.h"

namespace dragoman
{

std::string encodeRequest(std::int64_t id, const std::string& method, const nlohmann::json& params)
{
    nlohmann::json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null())
        request["params"] = params;
    return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace
{

IncomingMessage invalid(std::string why)
{
    IncomingMessage message;
    message.problem = std::move(why);
    return message;
}

RpcReply errorReply(const nlohmann::json& error)
{
    if (!error.is_object())
        return RpcReply::failure(rpc_error::client,
                                 "malformed error from the server: " + error.dump());
    const auto code = error.value("code", nlohmann::json{});
    const auto text = error.value("message", nlohmann::json{});
    return RpcReply::failure(code.is_number_integer() ? code.get<int>() : rpc_error::client,
                             text.is_string() ? text.get<std::string>() : error.dump());
}

} // namespace

IncomingMessage decodeIncoming(std::string_view text)
{
    nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
    if (message.is_discarded())
        return invalid("not JSON");
    if (!message.is_object())
        return invalid("not a JSON-RPC object");

    const auto id = message.find("id");
    const bool hasId = id != message.end() && !id->is_null();
    if (!hasId)
    {
        const auto method = message.find("method");
        if (method != message.end() && method->is_string())
        {
            IncomingMessage notification;
            notification.kind = IncomingMessage::Kind::notification;
            notification.method = method->get<std::string>();
            notification.params = message.value("params", nlohmann::json{});
            return notification;
        }
        if (message.contains("error"))
            return invalid("server error without an id: " + errorReply(message["error"]).message);
        return invalid("neither a reply nor a notification");
    }
    if (!id->is_number_integer())
        return invalid("a reply with an id we never send: " + id->dump());

    IncomingMessage reply;
    reply.kind = IncomingMessage::Kind::reply;
    reply.id = id->get<std::int64_t>();
    if (const auto error = message.find("error"); error != message.end() && !error->is_null())
        reply.reply = errorReply(*error);
    else if (const auto result = message.find("result"); result != message.end())
        reply.reply = RpcReply::success(*result);
    else
        return invalid("a reply with neither result nor error");
    return reply;
}

} // namespace dragoman
