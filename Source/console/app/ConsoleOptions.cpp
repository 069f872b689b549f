#include "ConsoleOptions.h"

#include <cstdio>
#include <cstdlib>

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

Result<ConsoleOptions> parseConsoleOptions(const std::vector<std::string>& arguments)
{
    ConsoleOptions options;
    if (const char* url = std::getenv("DRAGOMAN_URL"); url != nullptr && *url != '\0')
        options.url = url;
    if (const char* token = std::getenv("DRAGOMAN_TOKEN"); token != nullptr)
        options.token = token;

    for (std::size_t i = 0; i < arguments.size(); ++i)
    {
        const auto& argument = arguments[i];
        const auto value = [&]() -> Result<std::string>
        {
            if (i + 1 >= arguments.size())
                return Error{argument + " needs a value"};
            return arguments[++i];
        };
        if (argument == "--help" || argument == "-h")
            options.help = true;
        else if (argument == "--url" || argument == "--token" || argument == "--view" ||
                 argument == "--screenshot" || argument == "--size")
        {
            auto text = value();
            if (!text)
                return Error{text.error()};
            if (argument == "--url")
                options.url = *text;
            else if (argument == "--token")
                options.token = *text;
            else if (argument == "--screenshot")
                options.screenshot = *text;
            else if (argument == "--view")
            {
                if (!parseConsoleView(*text, options.view))
                    return Error{"--view " + *text +
                                 ": expected matrix, strips, relay, alarms, log or all"};
            }
            else
            {
                int width = 0, height = 0;
                char by = 0;
                if (std::sscanf(text->c_str(), "%d%c%d", &width, &by, &height) != 3 || by != 'x' ||
                    width < 640 || height < 480)
                    return Error{"--size " + *text + ": expected WIDTHxHEIGHT, at least 640x480"};
                options.width = width;
                options.height = height;
            }
        }
        else if (!argument.empty())
            return Error{"unknown argument " + argument};
    }
    return options;
}

} // namespace dragoman::console
