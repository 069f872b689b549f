#pragma once
// What dragoman-console and dragoman-booth do alike as JUCE applications: several may run at
// once; the command line read into options and a control URL (--help prints the usage and exits
// 0, a mistake prints it with the error and exits 2); --screenshot's report, and its exit code.
// Message thread only.

#include "ScreenshotTaker.h"

#include "core/Result.h"
#include "remote/ControlUrl.h"
#include "ui/options/CommonOptions.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dragoman::ui
{

class ConsoleApplication : public juce::JUCEApplication
{
public:
    // title: "Dragoman Console"; program: "dragoman-console", which starts its messages.
    ConsoleApplication(juce::String title, std::string program, juce::String version);

    const juce::String getApplicationName() override { return title; }
    const juce::String getApplicationVersion() override { return version; }
    bool moreThanOneInstanceAllowed() override { return true; }
    void systemRequestedQuit() override { quit(); }
    void anotherInstanceStarted(const juce::String&) override {}

protected:
    std::vector<std::string> commandLine() const;

    // The URL to connect to when the program is to run; otherwise the usage or the error is said,
    // the exit code set, the application quits and this is empty.
    template <class Options>
    std::optional<ControlUrl> controlUrl(const Result<Options>& options, const char* usage)
    {
        if (!options)
            return refuse(options.error(), usage);
        return controlUrl(options.value(), usage);
    }

    // --screenshot of the panel, reported on stdout (exit 0) or stderr (exit 1).
    std::unique_ptr<ScreenshotTaker> takeScreenshot(juce::Component& panel,
                                                    const CommonOptions& options,
                                                    double settleSeconds,
                                                    ScreenshotTaker::Console console);

    void finish(int code);

private:
    std::optional<ControlUrl> controlUrl(const CommonOptions& options, const char* usage);
    std::optional<ControlUrl> refuse(const std::string& error, const char* usage);

    const juce::String title;
    const std::string program;
    const juce::String version;
};

} // namespace dragoman::ui
