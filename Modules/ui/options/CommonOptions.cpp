#include "CommonOptions.h"

#include <cstdio>
#include <cstdlib>

namespace dragoman::ui
{

Result<bool> readCommonOptions(const std::vector<std::string>& arguments, CommonOptions& options,
                               MinimumSize minimum, const OwnArgument& own)
{
    if (const char* url = std::getenv("DRAGOMAN_URL"); url != nullptr && *url != '\0')
        options.url = url;
    if (const char* token = std::getenv("DRAGOMAN_TOKEN"); token != nullptr)
        options.token = token;

    for (std::size_t i = 0; i < arguments.size(); ++i)
    {
        const auto& argument = arguments[i];
        const NextValue value = [&]() -> Result<std::string>
        {
            if (i + 1 >= arguments.size())
                return Error{argument + " needs a value"};
            return arguments[++i];
        };
        if (argument == "--help" || argument == "-h")
            options.help = true;
        else if (argument.empty())
            continue;
        else if (argument == "--url" || argument == "--token" || argument == "--screenshot" ||
                 argument == "--size")
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
            else
            {
                int width = 0, height = 0;
                char by = 0;
                if (std::sscanf(text->c_str(), "%d%c%d", &width, &by, &height) != 3 || by != 'x' ||
                    width < minimum.width || height < minimum.height)
                    return Error{"--size " + *text + ": expected WIDTHxHEIGHT, at least " +
                                 std::to_string(minimum.width) + "x" +
                                 std::to_string(minimum.height)};
                options.width = width;
                options.height = height;
            }
        }
        else
        {
            auto took = own(argument, value);
            if (!took)
                return Error{took.error()};
            if (!*took)
                return Error{"unknown argument " + argument};
        }
    }
    return true;
}

} // namespace dragoman::ui
