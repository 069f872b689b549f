#pragma once
// Where every cell of the routing matrix is: rows are seats grouped by booth, columns are the mic,
// the channels a seat can talk into, and the sources it can listen to. Pure geometry from the
// state and the component's size, so hit-testing, painting and the "fits without scrolling" test
// agree. Message thread only.

#include "model/ConsoleState.h"

#include <juce_graphics/juce_graphics.h>

#include <optional>

namespace dragoman::console
{

struct MatrixCell
{
    enum class Kind
    {
        mic,
        talk,
        listen,
    };
    int row = 0; // index into MatrixLayout::seats
    Kind kind = Kind::mic;
    int index = 0; // talk: into talkChannels; listen: into listenSources

    bool operator==(const MatrixCell&) const = default;
};

class MatrixLayout
{
public:
    static constexpr int kBoothWidth = 112;
    static constexpr int kSeatWidth = 78; // the seat's name and its microphone's level
    static constexpr int kSeatMeterWidth = 22;
    static constexpr int kMicWidth = 30;
    static constexpr int kGroupGap = 14;
    static constexpr int kHeaderHeight = 48;
    static constexpr int kBoothGap = 3;
    static constexpr int kMinRowHeight = 18;
    static constexpr int kMaxRowHeight = 30;
    static constexpr int kMinCellWidth = 25;
    static constexpr int kMaxCellWidth = 44;

    MatrixLayout() = default;
    MatrixLayout(const EngineState& state, juce::Rectangle<int> bounds);

    // The smallest size that shows every seat and source without scrolling.
    static juce::Point<int> neededSize(const EngineState& state);

    int rows() const { return static_cast<int>(seats.size()); }
    int columns(MatrixCell::Kind kind) const;
    juce::Rectangle<int> cellBounds(const MatrixCell& cell) const;
    juce::Rectangle<int> rowBounds(int row) const;
    juce::Rectangle<int> boothBounds(int booth) const;   // the booth's label column, all its rows
    juce::Rectangle<int> seatMeterBounds(int row) const; // the small mic meter after the name
    juce::Rectangle<int> columnHeader(MatrixCell::Kind kind, int index) const;
    juce::Rectangle<int> groupHeader(MatrixCell::Kind kind) const;
    std::optional<MatrixCell> cellAt(juce::Point<int> point) const;

    std::vector<std::string> seats;         // row order
    std::vector<int> seatBooth;             // row -> index into booths
    std::vector<std::string> booths;        // booth order
    std::vector<std::string> talkChannels;  // every channel but the floor
    std::vector<std::string> listenSources; // "floor", "auto", then the channels

    int rowHeight = kMinRowHeight;
    int cellWidth = kMinCellWidth;
    juce::Rectangle<int> area;

private:
    int rowTop(int row) const;
    int columnLeft(MatrixCell::Kind kind, int index) const;
};

} // namespace dragoman::console
