#include "views/RelayGraphView.h"

#include "ui/widgets/DepthBadge.h"
#include "ui/widgets/Theme.h"

namespace dragoman::console
{

using namespace dragoman::ui;

namespace
{
const char* columnTitle(int column, int columns)
{
    static const char* titles[] = {"FLOOR", "DIRECT", "+ RELAY", "DOUBLE"};
    if (column == columns - 1 && column >= 4)
        return "CYCLE";
    return column < 4 ? titles[column] : "";
}
} // namespace

void RelayGraphView::update()
{
    relay = planRelay(model.state());
    repaint();
}

juce::Rectangle<float> RelayGraphView::viewArea() const
{
    return getLocalBounds().toFloat().reduced(kMargin);
}

juce::Rectangle<float> RelayGraphView::graphArea() const
{
    const float problemsHeight =
        relay.problems.empty() ? 0.0f : 22.0f + 38.0f * static_cast<float>(relay.problems.size());
    // A cycle's edges arc out beside its column, the last one: room for them on the right.
    const float arcRoom = relay.columns > 4 ? kArcReach : 0.0f;
    return viewArea()
        .withTrimmedTop(22.0f)
        .withTrimmedBottom(problemsHeight)
        .withTrimmedRight(arcRoom);
}

juce::Rectangle<float> RelayGraphView::nodeBounds(const std::string& channel) const
{
    const auto* node = relay.node(channel);
    if (node == nullptr)
        return {};
    int row = 0, rows = 0;
    for (const auto& other : relay.nodes)
        if (other.column == node->column)
        {
            if (other.channel == channel)
                row = rows;
            ++rows;
        }
    const auto area = graphArea();
    const int columns = juce::jmax(4, relay.columns);
    const float columnWidth = area.getWidth() / static_cast<float>(columns);
    const float rowHeight =
        juce::jmin(44.0f, area.getHeight() / static_cast<float>(juce::jmax(rows, 1)));
    // A gap between columns wide enough for an arrow, the rest for the box.
    const float width = juce::jmin(columnWidth - 16.0f, 120.0f);
    const float top =
        area.getY() + (area.getHeight() - rowHeight * static_cast<float>(rows)) * 0.5f;
    return {area.getX() + columnWidth * static_cast<float>(node->column) +
                (columnWidth - width) * 0.5f,
            top + rowHeight * static_cast<float>(row) + 3.0f, width, rowHeight - 6.0f};
}

juce::Colour RelayGraphView::nodeColour(const std::string& channel) const
{
    const auto* node = relay.node(channel);
    if (node == nullptr)
        return colours::textDim;
    return node->fault ? colours::fault : depthColour(node->depth);
}

void RelayGraphView::paint(juce::Graphics& g)
{
    g.fillAll(colours::panel);
    const auto& state = model.state();
    const auto area = graphArea();
    const int columns = juce::jmax(4, relay.columns);
    const float columnWidth = area.getWidth() / static_cast<float>(columns);

    g.setFont(Theme::font(12.0f, true));
    for (int column = 0; column < columns; ++column)
    {
        g.setColour(column == 3 || column >= 4 ? colours::fault.withAlpha(0.8f) : colours::textDim);
        g.drawText(columnTitle(column, columns),
                   juce::Rectangle<float>(area.getX() + columnWidth * static_cast<float>(column),
                                          area.getY() - 20.0f, columnWidth, 18.0f),
                   juce::Justification::centred);
    }

    // Arrows first, boxes over them.
    for (const auto& edge : relay.edges)
    {
        const auto from = nodeBounds(edge.from);
        const auto to = nodeBounds(edge.to);
        if (from.isEmpty() || to.isEmpty())
            continue;
        const bool fault = relay.node(edge.to) && relay.node(edge.to)->fault;
        juce::Path path;
        const juce::Point<float> start{from.getRight(), from.getCentreY()};
        const juce::Point<float> end{to.getX() - 2.0f, to.getCentreY()};
        float headSide = -1.0f; // the arrowhead's base is left of its tip
        if (end.x <= start.x + 4.0f)
        {
            // Within a column (a cycle) the edge arcs out beside the boxes: downwards on the
            // right, upwards on the left, so that the two edges of a pair stay apart. The arc
            // reaches no further than the view's margin.
            const bool down = to.getCentreY() > from.getCentreY();
            const float side = down ? 1.0f : -1.0f;
            const juce::Point<float> out{down ? from.getRight() : from.getX(), from.getCentreY()};
            const juce::Point<float> in{down ? to.getRight() : to.getX(), to.getCentreY()};
            const float room = down ? viewArea().getRight() - juce::jmax(out.x, in.x)
                                    : juce::jmin(out.x, in.x) - viewArea().getX();
            // A cubic whose control points stand out by d bulges out by 3/4 d.
            const float bulge = juce::jlimit(6.0f, kArcReach, room - 2.0f) / 0.75f;
            path.startNewSubPath(out);
            path.cubicTo(out.translated(side * bulge, 0.0f), in.translated(side * bulge, 0.0f), in);
            headSide = side;
        }
        else
        {
            const float bend = (end.x - start.x) * 0.5f;
            path.startNewSubPath(start);
            path.cubicTo(start.translated(bend, 0.0f), end.translated(-bend, 0.0f), end);
        }
        g.setColour(fault ? colours::fault : colours::textDim.withAlpha(0.8f));
        g.strokePath(path, juce::PathStrokeType(fault ? 2.5f : 1.6f));
        juce::Path head;
        const auto tip = path.getCurrentPosition();
        head.addTriangle(tip, tip.translated(headSide * 8.0f, -4.5f),
                         tip.translated(headSide * 8.0f, 4.5f));
        g.fillPath(head);
    }

    for (const auto& node : relay.nodes)
    {
        const auto box = nodeBounds(node.channel);
        const auto* channel = state.channel(node.channel);
        const auto colour = nodeColour(node.channel);
        g.setColour(node.fault ? colour.withAlpha(0.25f) : colours::panelRaised);
        g.fillRoundedRectangle(box, 5.0f);
        g.setColour(colour);
        g.drawRoundedRectangle(box.reduced(0.5f), 5.0f, node.fault ? 2.5f : 1.5f);
        // Two lines: the channel, then who holds it (or what it carries).
        auto text = box.reduced(5.0f, 2.0f);
        auto name = text.removeFromTop(text.getHeight() * 0.52f);
        g.setColour(colours::text);
        g.setFont(Theme::font(14.0f, true));
        // Squeezed a little rather than cut when five columns share a narrow tab ("FLOOR").
        g.drawFittedText(juce::String(node.channel).toUpperCase(), name.toNearestInt(),
                         juce::Justification::bottomLeft, 1, 0.75f);
        if (channel != nullptr && !channel->holder.empty())
        {
            g.setColour(colours::live);
            g.fillEllipse(text.removeFromLeft(9.0f)
                              .withSizeKeepingCentre(7.0f, 7.0f)
                              .translated(0.0f, -1.0f));
            text.removeFromLeft(3.0f);
            g.setColour(colours::text);
        }
        else
            g.setColour(colours::textDim);
        g.setFont(Theme::font(12.0f));
        const juce::String detail = channel == nullptr         ? juce::String()
                                    : !channel->holder.empty() ? juce::String(channel->holder)
                                    : node.channel == "floor"  ? juce::String(channel->language)
                                                               : juce::String(channel->carries);
        g.drawText(detail, text, juce::Justification::topLeft, true);
    }

    if (!relay.problems.empty())
    {
        auto problems = viewArea();
        problems =
            problems.removeFromBottom(22.0f + 38.0f * static_cast<float>(relay.problems.size()));
        g.setColour(colours::fault);
        g.setFont(Theme::font(13.0f, true));
        g.drawText("PROBLEMS", problems.removeFromTop(20.0f), juce::Justification::centredLeft);
        g.setFont(Theme::font(13.0f));
        for (const auto& problem : relay.problems)
            g.drawFittedText(juce::String::fromUTF8(problem.c_str()),
                             problems.removeFromTop(38.0f).toNearestInt(),
                             juce::Justification::topLeft, 2);
    }
    else
    {
        g.setColour(colours::direct);
        g.setFont(Theme::font(13.0f));
        g.drawText("No cycle, no double relay.", viewArea().removeFromBottom(20.0f),
                   juce::Justification::centredLeft);
    }
}

} // namespace dragoman::console
