// dragoman-booth: one interpreter's console for a running `dragoman engine`, authenticated with
// a seat:<id> token. See BoothOptions.h for the command line and docs/CONTROL_API.md for what it
// speaks.

#include "BoothLink.h"
#include "MidiInputReader.h"
#include "RemoteAudio.h"

#include "model/BoothOptions.h"
#include "model/RemoteAudioPlan.h"
#include "ui/app/ConsoleProgram.h"
#include "ui/app/ConsoleWindow.h"
#include "views/BoothPanel.h"

#include <cstdlib>
#include <iostream>

namespace dragoman::booth
{

namespace
{
// Meters and the floor's quality have settled.
constexpr double kScreenshotSettleSeconds = 1.5;
} // namespace

class BoothApplication : public ui::ConsoleProgram<BoothOptions>
{
public:
    BoothApplication()
        : ConsoleProgram("Dragoman Booth", "dragoman-booth", DRAGOMAN_VERSION, parseBoothOptions,
                         boothUsage())
    {
    }

private:
    void start(const BoothOptions& options, const ControlUrl& url) override
    {
        remoteOptions = options.remoteAudio;
        controlHost = url.host;
        changed = [this](std::uint32_t changes)
        {
            if (panel)
                panel->refresh(changes);
            updateTitle();
            if ((changes & changeState) != 0)
                startRemoteAudioFromState();
        };
        link = std::make_unique<BoothLink>(url, options.token, model, changed);
        actions = std::make_unique<BoothActions>(model, *link);
        panel = std::make_unique<BoothPanel>(model, *actions);
        // The panel takes Space, C and H without a click first.
        window = std::make_unique<ui::ConsoleWindow>(
            "Dragoman Booth", *panel,
            ui::ConsoleWindow::Frame{options.width, options.height, 800, 480, options.fullscreen,
                                     true});
        panel->grabKeyboardFocus();
        link->start();

        if (options.remoteAudio.enabled() && !startRemoteAudio(options.remoteAudio))
            return;

        if (!options.midiDevice.empty())
        {
            midi = std::make_unique<MidiInputReader>(options.midiDevice, options.midiMap,
                                                     [this](MidiPress press) { onMidi(press); });
            if (!midi->error().empty())
                std::cerr << "dragoman-booth: MIDI off: " << midi->error() << "\n";
        }

        if (!options.screenshot.empty())
            screenshot = takeScreenshot(*panel, options, kScreenshotSettleSeconds,
                                        ui::ScreenshotTaker::Console::showing(model));
    }

    void stop() override
    {
        screenshot.reset();
        remote.reset(); // its timer writes into the model and the views
        midi.reset();
        link.reset(); // joins the network thread before the views go
        window.reset();
        panel.reset();
        actions.reset();
    }

    // A remote interpreter without sound cannot work: say why and stop rather than show a desk
    // that looks ready.
    bool startRemoteAudio(const RemoteAudioOptions& options)
    {
        setenv("JACK_NO_START_SERVER", "1", 0); // as dragoman seat: use a server, never start one
        auto opened = RemoteAudio::open(options, model, changed);
        std::optional<Error> error;
        if (opened)
        {
            remote = std::move(opened.value());
            error = remote->start();
        }
        else
            error = Error{opened.error()};
        if (error)
        {
            std::cerr << "dragoman-booth: " << error->message << "\n";
            finish(1);
            return false;
        }
        std::cout << "dragoman-booth: remote seat audio: " << remote->description() << std::endl;
        return true;
    }

    // A seat the session marks remote carries its audio here from the first state on; a
    // reconnect finds it running and leaves it so.
    void startRemoteAudioFromState()
    {
        const auto* seat = model.seat();
        if (remote || remoteFromStateTried || seat == nullptr)
            return;
        if (const auto plan = remoteAudioFromState(remoteOptions, *seat, controlHost))
        {
            remoteFromStateTried = true; // a failure quits; the next state must not try again
            startRemoteAudio(*plan);
        }
    }

    // The desk's buttons act like the keyboard's keys.
    void onMidi(MidiPress press)
    {
        if (!actions)
            return;
        switch (press.key)
        {
        case MidiKey::mic:
            if (press.down)
                actions->toggleMic();
            break;
        case MidiKey::cough:
            actions->cough(press.down);
            break;
        case MidiKey::handover:
            if (press.down)
                actions->handoverKey();
            break;
        }
    }

    void updateTitle()
    {
        if (window == nullptr)
            return;
        window->setName((model.connected() ? "" : "[offline] ") +
                        juce::String("Dragoman Booth - ") + juce::String(model.seatId()));
    }

    BoothModel model;
    RemoteAudio::ChangeHandler changed;
    RemoteAudioOptions remoteOptions;
    std::string controlHost;
    bool remoteFromStateTried = false;
    std::unique_ptr<BoothLink> link;
    std::unique_ptr<BoothActions> actions;
    std::unique_ptr<BoothPanel> panel;
    std::unique_ptr<ui::ConsoleWindow> window;
    std::unique_ptr<MidiInputReader> midi;
    std::unique_ptr<RemoteAudio> remote;
    std::unique_ptr<ui::ScreenshotTaker> screenshot;
};

} // namespace dragoman::booth

START_JUCE_APPLICATION(dragoman::booth::BoothApplication)
