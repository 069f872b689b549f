#include "ConsoleWindow.h"

#include "ui/widgets/Theme.h"

namespace dragoman::ui
{

ConsoleWindow::ConsoleWindow(const juce::String& title, juce::Component& panel, const Frame& frame)
    : DocumentWindow(title, colours::background, allButtons), panelTakesFocus(frame.panelTakesFocus)
{
    setUsingNativeTitleBar(true);
    setContentNonOwned(&panel, false);
    setResizable(true, false);
    setResizeLimits(frame.minWidth, frame.minHeight, 10000, 10000);
    centreWithSize(frame.width, frame.height);
    setFullScreen(frame.fullScreen);
    setVisible(true);
}

void ConsoleWindow::closeButtonPressed()
{
    juce::JUCEApplication::getInstance()->systemRequestedQuit();
}

void ConsoleWindow::focusGained(FocusChangeType)
{
    if (!panelTakesFocus)
        return;
    if (auto* content = getContentComponent())
        content->grabKeyboardFocus();
}

} // namespace dragoman::ui
