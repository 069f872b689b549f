#pragma once
// The PARAMS of `dragoman ctl METHOD [PARAMS]`: one JSON object (`'{"seat":"en-1","on":true}'`)
// or key=value words (`seat=en-1 on=true db=-6`), where a value that reads as a JSON number,
// true, false or null is one and anything else is a string. `seat=007` stays the string "007".
//
// Threads: any (pure).

#include "core/Result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dragoman::cli
{

// Null when there are no words (the call then has no params).
Result<nlohmann::json> parseCtlParams(const std::vector<std::string>& words);

} // namespace dragoman::cli
