#pragma once
// The routing matrix: every seat (grouped by booth, with the booth's interlock mode) against the
// channels it can talk into and the sources it can listen to. One click changes a seat's output,
// listen source or microphone through ConsoleActions; live seats are lit red. A keyboard cursor
// (arrows, Enter, Space) does the same without the mouse.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"
#include "views/MatrixLayout.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class RoutingMatrix : public juce::Component
{
public:
    RoutingMatrix(const ConsoleModel& model, ConsoleActions& actions);

    // After a `state`: rebuilds rows and columns if the session changed, then repaints.
    void update();
    // After `meters`: repaints the seats' microphone levels only.
    void updateMeters();

    // The smallest size that shows the whole matrix: the window must give at least this.
    juce::Point<int> neededSize() const { return MatrixLayout::neededSize(model.state()); }
    const MatrixLayout& layout() const { return geometry; }

    // What a click on cell does, also reached by Enter on the keyboard cursor.
    void activate(const MatrixCell& cell);
    void moveCursor(int rows, int columns);
    void activateCursor() { activate(cursor); }
    void toggleCursorMic();
    // Opens the interlock menu of the cursor's booth, or between booths (keys I, Shift+I).
    void showInterlockMenu(bool betweenBooths);
    const MatrixCell& cursorCell() const { return cursor; }
    std::string cursorSeat() const;

    void paint(juce::Graphics& g) override;
    void resized() override;
    void mouseDown(const juce::MouseEvent& event) override;
    void mouseMove(const juce::MouseEvent& event) override;
    void mouseExit(const juce::MouseEvent& event) override;

private:
    void rebuildInterlockSelectors();
    void paintHeader(juce::Graphics& g);
    void paintLegend(juce::Graphics& g);
    void paintRow(juce::Graphics& g, int row);
    void paintSeatMeter(juce::Graphics& g, int row, const SeatState& seat);
    void paintTalkCell(juce::Graphics& g, juce::Rectangle<int> cell, const SeatState& seat,
                       const BoothState& booth, const std::string& channel);
    void paintListenCell(juce::Graphics& g, juce::Rectangle<int> cell, const SeatState& seat,
                         const std::string& source);

    const ConsoleModel& model;
    ConsoleActions& actions;
    MatrixLayout geometry;
    std::vector<std::string> shapeKey; // booths and seats the selectors were built for
    juce::OwnedArray<juce::ComboBox> interlockSelectors;
    juce::ComboBox betweenSelector;
    MatrixCell cursor;
    std::optional<MatrixCell> hover;
};

// The interlock modes as the engine names them, in the order the selectors list them.
const std::vector<std::string>& interlockModes();

} // namespace dragoman::console
