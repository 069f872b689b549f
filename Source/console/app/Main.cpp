// dragoman-console: the technician's console for a running `dragoman engine`. See
// ConsoleOptions.h for the command line and docs/CONTROL_API.md for what it speaks.

#include "ConsoleOptions.h"
#include "EngineLink.h"
#include "ScreenshotTaker.h"

#include "ui/widgets/Theme.h"
#include "views/ConsolePanel.h"

#include <iostream>

namespace dragoman::console
{

class ConsoleWindow : public juce::DocumentWindow
{
public:
    ConsoleWindow(juce::Component& content, int width, int height)
        : DocumentWindow("Dragoman Console", ui::colours::background, allButtons)
    {
        setUsingNativeTitleBar(true);
        setContentNonOwned(&content, false);
        setResizable(true, false);
        setResizeLimits(1024, 700, 10000, 10000);
        centreWithSize(width, height);
        setVisible(true);
    }
    void closeButtonPressed() override
    {
        juce::JUCEApplication::getInstance()->systemRequestedQuit();
    }
};

class ConsoleApplication : public juce::JUCEApplication
{
public:
    const juce::String getApplicationName() override { return "Dragoman Console"; }
    const juce::String getApplicationVersion() override { return DRAGOMAN_VERSION; }
    bool moreThanOneInstanceAllowed() override { return true; }

    void initialise(const juce::String&) override
    {
        std::vector<std::string> arguments;
        for (const auto& argument : getCommandLineParameterArray())
            arguments.push_back(argument.toStdString());
        auto options = parseConsoleOptions(arguments);
        if (!options || options->help)
        {
            (options ? std::cout : std::cerr)
                << (options ? "" : options.error() + "\n") << consoleUsage();
            finish(options ? 0 : 2);
            return;
        }
        auto url = ControlUrl::parse(options->url);
        if (!url)
        {
            std::cerr << "dragoman-console: --url " << options->url << ": " << url.error() << "\n";
            finish(2);
            return;
        }

        juce::LookAndFeel::setDefaultLookAndFeel(&theme);
        link = std::make_unique<EngineLink>(*url, options->token, model,
                                            [this](std::uint32_t changes)
                                            {
                                                if (panel)
                                                    panel->refresh(changes);
                                                updateTitle();
                                            });
        actions = std::make_unique<ConsoleActions>(*link);
        panel = std::make_unique<ConsolePanel>(model, *actions, juce::String(url->text()));
        panel->onPresetsChanged = [this]
        {
            link->refreshPresets();
        };
        panel->showView(options->view);
        window = std::make_unique<ConsoleWindow>(*panel, options->width, options->height);
        panel->grabKeyboardFocus();
        link->start();

        if (!options->screenshot.empty())
            screenshot = std::make_unique<ScreenshotTaker>(
                model, *panel,
                juce::File::getCurrentWorkingDirectory().getChildFile(
                    juce::String(options->screenshot)),
                options->screenshotTimeoutSeconds,
                [this](bool ok, juce::String why)
                {
                    (ok ? std::cout : std::cerr) << "dragoman-console: " << why << std::endl;
                    finish(ok ? 0 : 1);
                });
    }

    void shutdown() override
    {
        screenshot.reset();
        link.reset(); // joins the network thread before the views go
        window.reset();
        panel.reset();
        actions.reset();
        juce::LookAndFeel::setDefaultLookAndFeel(nullptr);
    }

    void systemRequestedQuit() override { quit(); }
    void anotherInstanceStarted(const juce::String&) override {}

private:
    void finish(int code)
    {
        setApplicationReturnValue(code);
        quit();
    }

    void updateTitle()
    {
        if (window == nullptr)
            return;
        const auto& state = model.state();
        window->setName((model.connected() ? "" : "[offline] ") +
                        juce::String("Dragoman Console - ") +
                        juce::String::fromUTF8(state.sessionName.c_str()));
    }

    ui::Theme theme;
    ConsoleModel model;
    std::unique_ptr<EngineLink> link;
    std::unique_ptr<ConsoleActions> actions;
    std::unique_ptr<ConsolePanel> panel;
    std::unique_ptr<ConsoleWindow> window;
    std::unique_ptr<ScreenshotTaker> screenshot;
};

} // namespace dragoman::console

START_JUCE_APPLICATION(dragoman::console::ConsoleApplication)
