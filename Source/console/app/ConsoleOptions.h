#pragma once
// The console's command line:
//   dragoman-console [--url ws://127.0.0.1:7700/rpc] [--token T]
//                    [--view matrix|strips|relay|alarms|log|all] [--screenshot PATH] [--size WxH]
// URL and token default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN.
// Any thread (pure parsing).

#include "core/Result.h"
#include "views/ConsolePanel.h"

#include <string>
#include <vector>

namespace dragoman::console
{

struct ConsoleOptions
{
    std::string url = "ws://127.0.0.1:7700/rpc";
    std::string token;
    ConsoleView view = ConsoleView::all;
    std::string screenshot; // save the window as PNG once connected, then quit
    int width = 1280, height = 800;
    double screenshotTimeoutSeconds = 30.0;
    bool help = false;
};

Result<ConsoleOptions> parseConsoleOptions(const std::vector<std::string>& arguments);
const char* consoleUsage();

} // namespace dragoman::console
