#pragma once
// The outcome of one JSON-RPC call: the result, or the error code and message. The server's
// codes are listed in docs/CONTROL_API.md; the client adds -32000 for what went wrong on its
// side of the wire (not connected, timeout, disconnected before the reply).
//
// Threads: a plain value; any thread.

#include <nlohmann/json.hpp>

#include <string>

namespace dragoman
{

struct RpcReply
{
    bool ok = false;
    nlohmann::json result;
    int code = 0;
    std::string message;

    static RpcReply success(nlohmann::json value)
    {
        RpcReply reply;
        reply.ok = true;
        reply.result = std::move(value);
        return reply;
    }
    static RpcReply failure(int errorCode, std::string text)
    {
        RpcReply reply;
        reply.code = errorCode;
        reply.message = std::move(text);
        return reply;
    }
};

namespace rpc_error
{
// The client's own failures: the call never reached the engine, or its reply never came back.
inline constexpr int client = -32000;
inline constexpr int parse = -32700;
inline constexpr int invalidRequest = -32600;
inline constexpr int methodNotFound = -32601;
inline constexpr int invalidParams = -32602;
inline constexpr int unauthenticated = -32001;
inline constexpr int forbidden = -32002;
inline constexpr int throttled = -32003;
inline constexpr int busy = -32004;
inline constexpr int notFound = -32005;
} // namespace rpc_error

} // namespace dragoman
