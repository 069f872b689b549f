#pragma once
// `dragoman ctl get PATH`: the engine's HTTP side (GET /api/state, /metrics, /sdp/CH.sdp) on the
// same host and port as its WebSocket, over plain HTTP/1.1. JSON bodies are printed pretty,
// anything else as it came.
//
// Threads: the program's main thread (its own io_context, run in place).

#include <chrono>
#include <string>

namespace dragoman::cli
{

// `url`: http://HOST:PORT or ws://HOST:PORT/...; returns the ctl exit code.
int runHttpGet(const std::string& token, const std::string& url, const std::string& path,
               std::chrono::milliseconds timeout);

} // namespace dragoman::cli
