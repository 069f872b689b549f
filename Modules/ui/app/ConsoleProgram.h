#pragma once
// A console program's start and end, alike for both: the command line read (ConsoleApplication
// says --help and mistakes and quits), the theme set, then the program's start(); at the end its
// stop(), then the theme unset. Message thread only.

#include "ConsoleApplication.h"

#include "ui/widgets/Theme.h"

namespace dragoman::ui
{

template <class Options> class ConsoleProgram : public ConsoleApplication
{
public:
    using Parse = Result<Options> (*)(const std::vector<std::string>& arguments);

    ConsoleProgram(juce::String applicationTitle, std::string programName,
                   juce::String applicationVersion, Parse parseWith, const char* usageText)
        : ConsoleApplication(std::move(applicationTitle), std::move(programName),
                             std::move(applicationVersion)),
          parse(parseWith), usage(usageText)
    {
    }

    void initialise(const juce::String&) final
    {
        auto options = parse(commandLine());
        const auto url = controlUrl(options, usage);
        if (!url)
            return;
        juce::LookAndFeel::setDefaultLookAndFeel(&theme);
        start(options.value(), *url);
    }

    void shutdown() final
    {
        stop();
        juce::LookAndFeel::setDefaultLookAndFeel(nullptr);
    }

protected:
    // The program's link, views and window.
    virtual void start(const Options& options, const ControlUrl& url) = 0;
    // Everything start() made, in the order it must go (the link's network thread before the
    // views it posts to).
    virtual void stop() = 0;

private:
    const Parse parse;
    const char* const usage;
    Theme theme;
};

} // namespace dragoman::ui
