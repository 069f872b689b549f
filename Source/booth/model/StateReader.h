#pragma once
// Reads the control API's `state` object (docs/CONTROL_API.md, "The state") into the booth's
// plain structs. Missing or mistyped keys keep their defaults rather than throw: a newer or older
// engine must not take an interpreter's console down.
// Any thread (pure functions).

#include "model/BoothState.h"

#include <nlohmann/json.hpp>

namespace dragoman::booth
{

EngineView readState(const nlohmann::json& state);
Message readMessage(const nlohmann::json& message);
FloorQuality readFloorQuality(const nlohmann::json& quality);

} // namespace dragoman::booth
