#include "ConsoleOptions.h"

namespace dragoman::console
{

const char* consoleUsage()
{
    return "usage: dragoman-console [--url ws://127.0.0.1:7700/rpc] [--token T]\n"
           "                        [--view matrix|strips|relay|alarms|log|all]\n"
           "                        [--screenshot PATH] [--size 1280x800]\n"
           "  --url, --token   default to $DRAGOMAN_URL and $DRAGOMAN_TOKEN\n"
           "  --screenshot     once connected and drawn, save the window as PNG and quit\n"
           "                   (exit 1 if the engine was not reached in 30 s)\n";
}

namespace
{

Result<bool> readView(ConsoleOptions& options, const std::string& argument,
                      const ui::NextValue& value)
{
    if (argument != "--view")
        return false;
    auto text = value();
    if (!text)
        return Error{text.error()};
    if (!parseConsoleView(*text, options.view))
        return Error{"--view " + *text + ": expected matrix, strips, relay, alarms, log or all"};
    return true;
}

} // namespace

Result<ConsoleOptions> parseConsoleOptions(const std::vector<std::string>& arguments)
{
    return ui::readOptions(arguments, {640, 480}, readView);
}

} // namespace dragoman::console
