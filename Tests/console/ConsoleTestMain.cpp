// Catch2 with JUCE's message manager and fonts set up, but no window and no display: the views
// are constructed, sized, clicked and painted into images only.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "ui/widgets/Theme.h"

#include <juce_gui_basics/juce_gui_basics.h>

int main(int argc, char** argv)
{
    juce::ScopedJuceInitialiser_GUI gui;
    // The program's look, so that the snapshots show what the technician sees.
    dragoman::ui::Theme theme;
    juce::LookAndFeel::setDefaultLookAndFeel(&theme);
    const int failed = Catch::Session().run(argc, argv);
    juce::LookAndFeel::setDefaultLookAndFeel(nullptr);
    return failed;
}
