#pragma once
// Reads the control API's JSON into the console's structs. Tolerant by design: a missing or null
// key gives the struct's default, so an older or newer engine still shows what it can.
// Any thread (pure functions).

#include "model/ConsoleState.h"

#include <nlohmann/json.hpp>

namespace dragoman::console
{

EngineState parseEngineState(const nlohmann::json& state);
Alarm parseAlarm(const nlohmann::json& alarm);
ChannelMeter parseChannelMeter(const nlohmann::json& meter);
SeatMeter parseSeatMeter(const nlohmann::json& meter);

// Small readers shared with the event and message wording.
std::string textOf(const nlohmann::json& object, const char* key);
double numberOf(const nlohmann::json& object, const char* key, double otherwise = 0.0);
bool flagOf(const nlohmann::json& object, const char* key);

} // namespace dragoman::console
