#pragma once
// The command line both consoles read alike: --url and --token (defaulting to $DRAGOMAN_URL and
// $DRAGOMAN_TOKEN), --screenshot PATH, --size WIDTHxHEIGHT and --help; each program hands its own
// flags to readCommonOptions. Any thread (pure parsing).

#include "core/Result.h"

#include <functional>
#include <string>
#include <vector>

namespace dragoman::ui
{

struct CommonOptions
{
    CommonOptions(int defaultWidth, int defaultHeight) : width(defaultWidth), height(defaultHeight)
    {
    }

    std::string url = "ws://127.0.0.1:7700/rpc";
    std::string token;
    std::string screenshot; // save the window as PNG once connected and drawn, then quit
    int width, height;
    double screenshotTimeoutSeconds = 30.0;
    bool help = false;
};

// The smallest --size the program lays out in.
struct MinimumSize
{
    int width, height;
};

// The argument after the current one, taken; an Error when there is none.
using NextValue = std::function<Result<std::string>()>;

// One of the program's own arguments: true when it took it, false when it is not one of its
// flags (an unknown argument), an Error for a bad value.
using OwnArgument =
    std::function<Result<bool>(const std::string& argument, const NextValue& value)>;

// Fills `options` from the environment and the arguments; empty arguments are passed over. An
// Error names the argument at fault.
Result<bool> readCommonOptions(const std::vector<std::string>& arguments, CommonOptions& options,
                               MinimumSize minimum, const OwnArgument& own);

// A program's options (derived from CommonOptions, default-constructed with its defaults), its
// own arguments read by own(options, argument, value).
template <class Options>
Result<Options> readOptions(const std::vector<std::string>& arguments, MinimumSize minimum,
                            Result<bool> (*own)(Options&, const std::string&, const NextValue&))
{
    Options options;
    auto read =
        readCommonOptions(arguments, options, minimum,
                          [&options, own](const std::string& argument, const NextValue& value)
                          { return own(options, argument, value); });
    if (!read)
        return Error{read.error()};
    return options;
}

} // namespace dragoman::ui
