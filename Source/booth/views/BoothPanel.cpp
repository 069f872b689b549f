#include "BoothPanel.h"

#include "ui/widgets/Theme.h"

namespace dragoman::booth
{

BoothPanel::BoothPanel(BoothModel& boothModel, BoothActions& boothActions)
    : model(boothModel), actions(boothActions), onAirSection(boothActions),
      listenSection(boothActions), phonesSection(boothActions), handoverSection(boothActions),
      messageSection(boothActions)
{
    for (juce::Component* c : std::initializer_list<juce::Component*>{
             &statusBar, &onAirSection, &listenSection, &floorSection, &phonesSection,
             &handoverSection, &messageSection})
        addAndMakeVisible(*c);
    setWantsKeyboardFocus(true);
    refresh(~0u);
    startTimer(500); // the turn timer
}

BoothPanel::~BoothPanel()
{
    stopTimer();
}

void BoothPanel::refresh(std::uint32_t changes)
{
    if (changes & (changeState | changeConnection | changeRemote))
    {
        const int height = statusBar.preferredHeight();
        statusBar.refresh(model);
        if (statusBar.preferredHeight() != height) // the remote link's line came or went
            resized();
    }
    if (changes & (changeState | changeRefusal))
        onAirSection.refresh(model);
    if (changes & changeState)
        listenSection.refresh(model);
    if (changes & (changeState | changeMeters | changeRemote))
    {
        floorSection.refresh(model);
        phonesSection.refresh(model);
    }
    if (changes & (changeState | changeHandover))
        handoverSection.refresh(model);
    if (changes & (changeState | changeMessages | changeHandover))
        messageSection.refresh(model);
}

void BoothPanel::timerCallback()
{
    handoverSection.refresh(model);
}

void BoothPanel::paint(juce::Graphics& g)
{
    g.fillAll(ui::colours::background);
}

void BoothPanel::resized()
{
    auto area = getLocalBounds();
    statusBar.setBounds(area.removeFromTop(statusBar.preferredHeight()));
    area = area.reduced(8);
    // Three columns: the voice (widest keys), listening and sound, the partner and messages.
    const int left = juce::jlimit(240, 420, area.getWidth() * 25 / 100);
    const int right = juce::jlimit(300, 520, area.getWidth() * 33 / 100);
    onAirSection.setBounds(area.removeFromLeft(left));
    area.removeFromLeft(10);
    auto rightColumn = area.removeFromRight(right);
    area.removeFromRight(10);
    handoverSection.setBounds(rightColumn.removeFromTop(rightColumn.getHeight() * 45 / 100));
    rightColumn.removeFromTop(6);
    messageSection.setBounds(rightColumn);

    phonesSection.setBounds(area.removeFromBottom(juce::jmin(170, area.getHeight() * 32 / 100)));
    area.removeFromBottom(6);
    floorSection.setBounds(area.removeFromBottom(82));
    area.removeFromBottom(6);
    listenSection.setBounds(area);
}

bool BoothPanel::keyPressed(const juce::KeyPress& key)
{
    // The typed character when there is one, else the key code (letters arrive either way).
    const auto typed = key.getTextCharacter();
    const auto c = juce::CharacterFunctions::toLowerCase(
        typed != 0 ? typed : static_cast<juce::juce_wchar>(key.getKeyCode()));
    if (key == juce::KeyPress::spaceKey || c == 'm')
    {
        actions.toggleMic();
        return true;
    }
    if (c == 'c')
    {
        if (!coughHeldByKey) // key repeat sends nothing more while held
        {
            coughHeldByKey = true;
            actions.cough(true);
        }
        return true;
    }
    if (c == 'h')
    {
        actions.handoverKey();
        return true;
    }
    return false;
}

bool BoothPanel::keyStateChanged(bool)
{
    if (coughHeldByKey && !juce::KeyPress::isKeyCurrentlyDown('c') &&
        !juce::KeyPress::isKeyCurrentlyDown('C'))
        releaseCough();
    return false;
}

void BoothPanel::focusLost(FocusChangeType)
{
    releaseCough(); // a key-up that goes to another window must not leave the seat muted
}

void BoothPanel::releaseCough()
{
    if (!coughHeldByKey)
        return;
    coughHeldByKey = false;
    actions.cough(false);
}

} // namespace dragoman::booth
