#pragma once
// A line of text from the technician to everyone, a booth or a seat (`messages.send`, kind text):
// the recipient, the text and Send; Enter sends too. A reply from the log sets the recipient.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"
#include "model/MessageTargets.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class MessageComposer : public juce::Component
{
public:
    static constexpr int kHeight = 36;

    MessageComposer(const ConsoleModel& model, ConsoleActions& actions);

    // After a `state`: the booths and seats to write to.
    void update();
    // "everyone", "booth:ID" or "seat:ID"; unknown ids are ignored.
    void setTarget(const std::string& target);
    std::string target() const;
    void setText(const juce::String& text) { editor.setText(text, false); }
    juce::String text() const { return editor.getText(); }
    // Sends the text to the target, one call per recipient; nothing when the text is empty.
    void send();
    // Puts the keyboard in the text; Escape gives it back to the console.
    void startTyping();
    const juce::String& status() const { return statusText; }
    juce::Button& sendKey() { return sendButton; }

    std::function<void()> onDone; // Escape or sent: the console takes the keys back

    void resized() override;
    void paint(juce::Graphics& g) override;

private:
    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::ComboBox recipient;
    juce::TextEditor editor;
    juce::TextButton sendButton{"Send"};
    std::vector<MessageTarget> targets;
    juce::String statusText;
};

} // namespace dragoman::console
