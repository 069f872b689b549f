#include "views/MatrixLayout.h"

namespace dragoman::console
{

namespace
{
int fixedWidth()
{
    return MatrixLayout::kBoothWidth + MatrixLayout::kSeatWidth + MatrixLayout::kMicWidth;
}
} // namespace

MatrixLayout::MatrixLayout(const EngineState& state, juce::Rectangle<int> bounds) : area(bounds)
{
    for (std::size_t b = 0; b < state.booths.size(); ++b)
    {
        booths.push_back(state.booths[b].id);
        for (const auto& seat : state.booths[b].seats)
        {
            seats.push_back(seat);
            seatBooth.push_back(static_cast<int>(b));
        }
    }
    listenSources = {"floor", "auto"};
    for (const auto& channel : state.channels)
        if (!channel.isFloor())
        {
            talkChannels.push_back(channel.id);
            listenSources.push_back(channel.id);
        }

    // Rows and cells grow with the window, up to a size that still reads as one table.
    const int gaps = static_cast<int>(booths.size()) * kBoothGap;
    if (!seats.empty())
        rowHeight = juce::jlimit(kMinRowHeight, kMaxRowHeight,
                                 (bounds.getHeight() - kHeaderHeight - gaps) / rows());
    const int cells = static_cast<int>(talkChannels.size() + listenSources.size());
    if (cells > 0)
        cellWidth = juce::jlimit(kMinCellWidth, kMaxCellWidth,
                                 (bounds.getWidth() - fixedWidth() - kGroupGap) / cells);
}

juce::Point<int> MatrixLayout::neededSize(const EngineState& state)
{
    const MatrixLayout layout(state, {});
    const int cells = static_cast<int>(layout.talkChannels.size() + layout.listenSources.size());
    return {fixedWidth() + kGroupGap + cells * kMinCellWidth,
            kHeaderHeight + static_cast<int>(layout.booths.size()) * kBoothGap +
                layout.rows() * kMinRowHeight};
}

int MatrixLayout::columns(MatrixCell::Kind kind) const
{
    switch (kind)
    {
    case MatrixCell::Kind::mic:
        return 1;
    case MatrixCell::Kind::talk:
        return static_cast<int>(talkChannels.size());
    case MatrixCell::Kind::listen:
        return static_cast<int>(listenSources.size());
    }
    return 0;
}

int MatrixLayout::rowTop(int row) const
{
    const int booth = row < rows() ? seatBooth[static_cast<std::size_t>(row)] : 0;
    return area.getY() + kHeaderHeight + row * rowHeight + booth * kBoothGap;
}

int MatrixLayout::columnLeft(MatrixCell::Kind kind, int index) const
{
    const int micLeft = area.getX() + kBoothWidth + kSeatWidth;
    const int talkLeft = micLeft + kMicWidth;
    switch (kind)
    {
    case MatrixCell::Kind::mic:
        return micLeft;
    case MatrixCell::Kind::talk:
        return talkLeft + index * cellWidth;
    case MatrixCell::Kind::listen:
        return talkLeft + columns(MatrixCell::Kind::talk) * cellWidth + kGroupGap +
               index * cellWidth;
    }
    return 0;
}

juce::Rectangle<int> MatrixLayout::cellBounds(const MatrixCell& cell) const
{
    const int width = cell.kind == MatrixCell::Kind::mic ? kMicWidth : cellWidth;
    return {columnLeft(cell.kind, cell.index), rowTop(cell.row), width, rowHeight};
}

juce::Rectangle<int> MatrixLayout::rowBounds(int row) const
{
    const int right = columnLeft(MatrixCell::Kind::listen, columns(MatrixCell::Kind::listen));
    return {area.getX() + kBoothWidth, rowTop(row), right - area.getX() - kBoothWidth, rowHeight};
}

juce::Rectangle<int> MatrixLayout::boothBounds(int booth) const
{
    int first = -1, last = -1;
    for (int row = 0; row < rows(); ++row)
        if (seatBooth[static_cast<std::size_t>(row)] == booth)
        {
            if (first < 0)
                first = row;
            last = row;
        }
    if (first < 0)
        return {};
    return {area.getX(), rowTop(first), kBoothWidth, rowTop(last) + rowHeight - rowTop(first)};
}

juce::Rectangle<int> MatrixLayout::seatMeterBounds(int row) const
{
    const auto seat = rowBounds(row).withWidth(kSeatWidth).reduced(4, 0);
    return seat.withTrimmedLeft(seat.getWidth() - kSeatMeterWidth)
        .withSizeKeepingCentre(kSeatMeterWidth, juce::jmin(8, rowHeight - 8));
}

juce::Rectangle<int> MatrixLayout::columnHeader(MatrixCell::Kind kind, int index) const
{
    const auto cell = cellBounds({0, kind, index});
    return {cell.getX(), area.getY() + kHeaderHeight / 2, cell.getWidth(), kHeaderHeight / 2 - 2};
}

juce::Rectangle<int> MatrixLayout::groupHeader(MatrixCell::Kind kind) const
{
    const int left = columnLeft(kind, 0);
    const int right = columnLeft(kind, columns(kind) - 1) + cellWidth;
    return {left, area.getY(), right - left, kHeaderHeight / 2};
}

std::optional<MatrixCell> MatrixLayout::cellAt(juce::Point<int> point) const
{
    for (int row = 0; row < rows(); ++row)
    {
        if (point.y < rowTop(row) || point.y >= rowTop(row) + rowHeight)
            continue;
        for (auto kind : {MatrixCell::Kind::mic, MatrixCell::Kind::talk, MatrixCell::Kind::listen})
            for (int index = 0; index < columns(kind); ++index)
                if (cellBounds({row, kind, index}).contains(point))
                    return MatrixCell{row, kind, index};
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace dragoman::console
