#pragma once
// GET /metrics: the engine in Prometheus text exposition format (version 0.0.4), for the venue's
// monitoring: levels, live seats, listeners, xruns, packets, control clients and API errors.
//
// Threads: the network thread (reads StatusBoard atomics and the control plane's counters).

#include "control/StateJson.h"
#include "engine/Engine.h"
#include "stream/StreamSender.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dragoman::control
{

struct ControlCounters
{
    int clients = 0;
    std::uint64_t requests = 0;
    std::map<int, std::uint64_t> errors; // JSON-RPC error code -> count
    std::uint64_t disconnectedSlow = 0;
    std::uint64_t metersDropped = 0;
    std::uint64_t activeAlarms = 0;
};

std::string metricsText(const Engine& engine, const DriverSnapshot& driver,
                        const std::vector<ChannelStreamStats>& streams,
                        const ControlCounters& control);

} // namespace dragoman::control
