#pragma once
// JSON-RPC 2.0 on the client's side of the wire: requests out, and what comes in sorted into
// replies (matched to a call by id) and notifications (no id). Pure functions, tested alone.
//
// Threads: any thread.

#include "RpcReply.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace dragoman
{

// One line or frame: {"jsonrpc":"2.0","id":ID,"method":...,"params":...}. Params that are null
// are left out, as JSON-RPC allows.
std::string encodeRequest(std::int64_t id, const std::string& method, const nlohmann::json& params);

struct IncomingMessage
{
    enum class Kind
    {
        reply,        // `id` and `reply` are set
        notification, // `method` and `params` are set
        invalid       // `problem` says why; a server error without an id lands here too
    };
    Kind kind = Kind::invalid;
    std::int64_t id = 0;
    RpcReply reply;
    std::string method;
    nlohmann::json params;
    std::string problem;
};

IncomingMessage decodeIncoming(std::string_view text);

} // namespace dragoman
