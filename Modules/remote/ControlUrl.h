#pragma once
// Where a console or script finds the engine's control API: ws://HOST:PORT/PATH, wss://...,
// tcp://HOST:PORT or tls://HOST:PORT (see docs/CONTROL_API.md). A missing port means the
// engine's defaults (7700 for ws/wss, 7701 for tcp/tls) and a missing WebSocket path means
// /rpc, so `ws://booth-pc` is enough on a default setup.
//
// Threads: a plain value; any thread.

#include "core/Result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace dragoman
{

struct ControlUrl
{
    std::string scheme; // "ws", "wss", "tcp" or "tls"
    std::string host;   // a name or an address; IPv6 without brackets
    std::string path;   // WebSocket only: "/rpc", may carry "?token=..."; empty for tcp/tls
    std::uint16_t port = 0;

    static Result<ControlUrl> parse(std::string_view text);
    std::string text() const;

    bool isWebSocket() const { return scheme == "ws" || scheme == "wss"; }
    bool usesTls() const { return scheme == "wss" || scheme == "tls"; }
};

} // namespace dragoman
