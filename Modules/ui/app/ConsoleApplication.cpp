#include "ConsoleApplication.h"

#include <iostream>

namespace dragoman::ui
{

ConsoleApplication::ConsoleApplication(juce::String applicationTitle, std::string programName,
                                       juce::String applicationVersion)
    : title(std::move(applicationTitle)), program(std::move(programName)),
      version(std::move(applicationVersion))
{
}

std::vector<std::string> ConsoleApplication::commandLine() const
{
    std::vector<std::string> arguments;
    for (const auto& argument : getCommandLineParameterArray())
        arguments.push_back(argument.toStdString());
    return arguments;
}

std::optional<ControlUrl> ConsoleApplication::controlUrl(const CommonOptions& options,
                                                         const char* usage)
{
    if (options.help)
    {
        std::cout << usage;
        finish(0);
        return std::nullopt;
    }
    auto url = ControlUrl::parse(options.url);
    if (!url)
    {
        std::cerr << program << ": --url " << options.url << ": " << url.error() << "\n";
        finish(2);
        return std::nullopt;
    }
    return url.value();
}

std::optional<ControlUrl> ConsoleApplication::refuse(const std::string& error, const char* usage)
{
    std::cerr << error + "\n" << usage;
    finish(2);
    return std::nullopt;
}

std::unique_ptr<ScreenshotTaker>
ConsoleApplication::takeScreenshot(juce::Component& panel, const CommonOptions& options,
                                   double settleSeconds, ScreenshotTaker::Console console)
{
    return std::make_unique<ScreenshotTaker>(
        panel,
        juce::File::getCurrentWorkingDirectory().getChildFile(juce::String(options.screenshot)),
        ScreenshotTaker::Timing{options.screenshotTimeoutSeconds, settleSeconds},
        std::move(console),
        [this](bool ok, juce::String why)
        {
            (ok ? std::cout : std::cerr) << program << ": " << why << std::endl;
            finish(ok ? 0 : 1);
        });
}

void ConsoleApplication::finish(int code)
{
    setApplicationReturnValue(code);
    quit();
}

} // namespace dragoman::ui
