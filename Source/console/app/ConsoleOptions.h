#pragma once
// The console's command line:
//   dragoman-console [--url ws://127.0.0.1:7700/rpc] [--token T]
//                    [--view matrix|strips|relay|alarms|log|all] [--screenshot PATH] [--size WxH]
// URL and token default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN.
// Any thread (pure parsing).

#include "core/Result.h"
#include "ui/options/CommonOptions.h"
#include "views/ConsolePanel.h"

#include <string>
#include <vector>

namespace dragoman::console
{

struct ConsoleOptions : ui::CommonOptions
{
    ConsoleOptions() : CommonOptions(1280, 800) {}

    ConsoleView view = ConsoleView::all;
};

Result<ConsoleOptions> parseConsoleOptions(const std::vector<std::string>& arguments);
const char* consoleUsage();

} // namespace dragoman::console
