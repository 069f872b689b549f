// dragoman-booth: one interpreter's console for a running `dragoman engine`, authenticated with
// a seat:<id> token. See BoothOptions.h for the command line and docs/CONTROL_API.md for what it
// speaks.

#include "BoothLink.h"
#include "MidiInputReader.h"
#include "RemoteAudio.h"
#include "ScreenshotTaker.h"

#include "model/BoothOptions.h"
#include "model/RemoteAudioPlan.h"
#include "ui/widgets/Theme.h"
#include "views/BoothPanel.h"

#include <cstdlib>
#include <iostream>

namespace dragoman::booth
{

class BoothWindow : public juce::DocumentWindow
{
public:
    BoothWindow(juce::Component& content, int width, int height, bool startFullScreen)
        : DocumentWindow("Dragoman Booth", ui::colours::background, allButtons)
    {
        setUsingNativeTitleBar(true);
        setContentNonOwned(&content, false);
        setResizable(true, false);
        setResizeLimits(800, 480, 10000, 10000);
        centreWithSize(width, height);
        setFullScreen(startFullScreen);
        setVisible(true);
    }
    void closeButtonPressed() override
    {
        juce::JUCEApplication::getInstance()->systemRequestedQuit();
    }
    // When the window gets the keyboard (at start, or back from another window), the panel
    // must have it: Space, C and H work without a click first (found with xdotool: until a
    // click, the window kept the focus and the keys went nowhere).
    void focusGained(FocusChangeType) override
    {
        if (auto* content = getContentComponent())
            content->grabKeyboardFocus();
    }
};

class BoothApplication : public juce::JUCEApplication
{
public:
    const juce::String getApplicationName() override { return "Dragoman Booth"; }
    const juce::String getApplicationVersion() override { return DRAGOMAN_VERSION; }
    bool moreThanOneInstanceAllowed() override { return true; }

    void initialise(const juce::String&) override
    {
        std::vector<std::string> arguments;
        for (const auto& argument : getCommandLineParameterArray())
            arguments.push_back(argument.toStdString());
        auto options = parseBoothOptions(arguments);
        if (!options || options->help)
        {
            (options ? std::cout : std::cerr)
                << (options ? "" : options.error() + "\n") << boothUsage();
            finish(options ? 0 : 2);
            return;
        }
        auto url = ControlUrl::parse(options->url);
        if (!url)
        {
            std::cerr << "dragoman-booth: --url " << options->url << ": " << url.error() << "\n";
            finish(2);
            return;
        }

        juce::LookAndFeel::setDefaultLookAndFeel(&theme);
        remoteOptions = options->remoteAudio;
        controlHost = url->host;
        changed = [this](std::uint32_t changes)
        {
            if (panel)
                panel->refresh(changes);
            updateTitle();
            if ((changes & changeState) != 0)
                startRemoteAudioFromState();
        };
        link = std::make_unique<BoothLink>(*url, options->token, model, changed);
        actions = std::make_unique<BoothActions>(model, *link);
        panel = std::make_unique<BoothPanel>(model, *actions);
        window = std::make_unique<BoothWindow>(*panel, options->width, options->height,
                                               options->fullscreen);
        panel->grabKeyboardFocus();
        link->start();

        if (options->remoteAudio.enabled() && !startRemoteAudio(options->remoteAudio))
            return;

        if (!options->midiDevice.empty())
        {
            midi = std::make_unique<MidiInputReader>(options->midiDevice, options->midiMap,
                                                     [this](MidiPress press) { onMidi(press); });
            if (!midi->error().empty())
                std::cerr << "dragoman-booth: MIDI off: " << midi->error() << "\n";
        }

        if (!options->screenshot.empty())
            screenshot = std::make_unique<ScreenshotTaker>(
                model, *panel,
                juce::File::getCurrentWorkingDirectory().getChildFile(
                    juce::String(options->screenshot)),
                options->screenshotTimeoutSeconds,
                [this](bool ok, juce::String why)
                {
                    (ok ? std::cout : std::cerr) << "dragoman-booth: " << why << std::endl;
                    finish(ok ? 0 : 1);
                });
    }

    void shutdown() override
    {
        screenshot.reset();
        remote.reset(); // its timer writes into the model and the views
        midi.reset();
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

    ui::Theme theme;
    BoothModel model;
    RemoteAudio::ChangeHandler changed;
    RemoteAudioOptions remoteOptions;
    std::string controlHost;
    bool remoteFromStateTried = false;
    std::unique_ptr<BoothLink> link;
    std::unique_ptr<BoothActions> actions;
    std::unique_ptr<BoothPanel> panel;
    std::unique_ptr<BoothWindow> window;
    std::unique_ptr<MidiInputReader> midi;
    std::unique_ptr<RemoteAudio> remote;
    std::unique_ptr<ScreenshotTaker> screenshot;
};

} // namespace dragoman::booth

START_JUCE_APPLICATION(dragoman::booth::BoothApplication)
