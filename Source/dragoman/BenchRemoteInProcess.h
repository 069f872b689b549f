#pragma once
// `dragoman bench remote --in-process`: what a remote seat adds to each leg with both ends in
// this process, in real time on loopback. The engine's end (RemoteSeatLink) and the
// interpreter's end (RemoteSeatAudio) exchange RTP/Opus over 127.0.0.1 through an in-process
// `dragoman-impair` relay in each direction, while one timer loop plays both audio threads in
// 64-frame blocks of one clock (a JACK period at 48 kHz). Clicks are timed on both legs at once:
//   floor to ear: into the seat's headphone block at the engine, heard after the remote limiter;
//   mic to channel: into the interpreter's microphone, heard as the engine's mic input.
// That is what a remote seat adds over a wired seat, without JACK, the engine's block or the
// programs' scheduling: a quick check of the network path alone. The JACK mode (the default)
// measures the real programs.
//
// Threads: the control (main) thread; it starts and joins the relays' and seat link's threads.

#include "core/Result.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace dragoman::cli
{

struct InProcessCase
{
    double jitterMs = 0.0;
    int clicks = 60;
    double frameMs = 2.5;
};

// One loss case; `port` and the next 7 UDP ports on 127.0.0.1 must be free.
Result<nlohmann::ordered_json> measureRemoteInProcess(const InProcessCase& options, double loss,
                                                      std::uint16_t port);

} // namespace dragoman::cli
