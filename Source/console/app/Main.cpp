// dragoman-console: the technician's console for a running `dragoman engine`. See
// ConsoleOptions.h for the command line and docs/CONTROL_API.md for what it speaks.

#include "ConsoleOptions.h"
#include "EngineLink.h"

#include "ui/app/ConsoleProgram.h"
#include "ui/app/ConsoleWindow.h"
#include "views/ConsolePanel.h"

namespace dragoman::console
{

namespace
{
// A second of meters, so the strips show levels and not the empty start.
constexpr double kScreenshotMetersSeconds = 1.2;
} // namespace

class ConsoleApplication : public ui::ConsoleProgram<ConsoleOptions>
{
public:
    ConsoleApplication()
        : ConsoleProgram("Dragoman Console", "dragoman-console", DRAGOMAN_VERSION,
                         parseConsoleOptions, consoleUsage())
    {
    }

private:
    void start(const ConsoleOptions& options, const ControlUrl& url) override
    {
        link = std::make_unique<EngineLink>(url, options.token, model,
                                            [this](std::uint32_t changes)
                                            {
                                                if (panel)
                                                    panel->refresh(changes);
                                                updateTitle();
                                            });
        actions = std::make_unique<ConsoleActions>(*link);
        panel = std::make_unique<ConsolePanel>(model, *actions, juce::String(url.text()));
        panel->onPresetsChanged = [this]
        {
            link->refreshPresets();
        };
        panel->showView(options.view);
        window = std::make_unique<ui::ConsoleWindow>(
            "Dragoman Console", *panel,
            ui::ConsoleWindow::Frame{options.width, options.height, 1024, 700});
        panel->grabKeyboardFocus();
        link->start();

        if (!options.screenshot.empty())
        {
            // Under Xvfb the pointer starts in the middle of the screen, over the matrix: its
            // hover mark would be in every picture. The corner of the screen is outside the
            // centred window.
            juce::Desktop::getInstance().getMainMouseSource().setScreenPosition({0.0f, 0.0f});
            screenshot = takeScreenshot(*panel, options, kScreenshotMetersSeconds,
                                        ui::ScreenshotTaker::Console::showing(model));
        }
    }

    void stop() override
    {
        screenshot.reset();
        link.reset(); // joins the network thread before the views go
        window.reset();
        panel.reset();
        actions.reset();
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

    ConsoleModel model;
    std::unique_ptr<EngineLink> link;
    std::unique_ptr<ConsoleActions> actions;
    std::unique_ptr<ConsolePanel> panel;
    std::unique_ptr<ui::ConsoleWindow> window;
    std::unique_ptr<ui::ScreenshotTaker> screenshot;
};

} // namespace dragoman::console

START_JUCE_APPLICATION(dragoman::console::ConsoleApplication)
