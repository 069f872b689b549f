#include "views/RoutingMatrix.h"

#include "ui/widgets/Theme.h"

#include <cmath>

namespace dragoman::console
{

using namespace dragoman::ui;

const std::vector<std::string>& interlockModes()
{
    static const std::vector<std::string> modes{"interlock", "override", "toggle-override", "none"};
    return modes;
}

namespace
{
void fillModes(juce::ComboBox& box)
{
    int id = 1;
    for (const auto& mode : interlockModes())
        box.addItem(mode == "none" ? "none (mixed)" : juce::String(mode), id++);
}

int modeId(const std::string& mode)
{
    const auto& modes = interlockModes();
    const auto found = std::find(modes.begin(), modes.end(), mode);
    return found == modes.end() ? 0 : static_cast<int>(found - modes.begin()) + 1;
}

juce::String upper(const std::string& text)
{
    return juce::String(text).toUpperCase();
}
} // namespace

RoutingMatrix::RoutingMatrix(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
    fillModes(betweenSelector);
    betweenSelector.setTooltip("Interlock between booths on the same channel");
    betweenSelector.onChange = [this]
    {
        const int id = betweenSelector.getSelectedId();
        if (id > 0)
            this->actions.setInterlockBetween(interlockModes()[static_cast<std::size_t>(id - 1)]);
    };
    addAndMakeVisible(betweenSelector);
    setWantsKeyboardFocus(false); // the console panel owns the keys
}

void RoutingMatrix::update()
{
    const auto& state = model.state();
    std::vector<std::string> key;
    for (const auto& booth : state.booths)
    {
        key.push_back(booth.id);
        key.insert(key.end(), booth.seats.begin(), booth.seats.end());
    }
    for (const auto& channel : state.channels)
        key.push_back(channel.id);
    if (key != shapeKey)
    {
        shapeKey = key;
        rebuildInterlockSelectors();
        resized();
    }
    for (int b = 0; b < interlockSelectors.size() && b < static_cast<int>(state.booths.size()); ++b)
        interlockSelectors[b]->setSelectedId(
            modeId(state.booths[static_cast<std::size_t>(b)].interlock),
            juce::dontSendNotification);
    betweenSelector.setSelectedId(modeId(state.interlockBetween), juce::dontSendNotification);
    repaint();
}

void RoutingMatrix::updateMeters()
{
    if (geometry.rows() == 0)
        return;
    repaint(geometry.seatMeterBounds(0).getUnion(geometry.seatMeterBounds(geometry.rows() - 1)));
}

void RoutingMatrix::rebuildInterlockSelectors()
{
    interlockSelectors.clear();
    for (const auto& booth : model.state().booths)
    {
        auto* box = interlockSelectors.add(new juce::ComboBox("interlock " + booth.id));
        fillModes(*box);
        box->setTooltip("Interlock mode of booth " + juce::String(booth.id));
        box->onChange = [this, box, id = booth.id]
        {
            const int selected = box->getSelectedId();
            if (selected > 0)
                actions.setBoothInterlock(id,
                                          interlockModes()[static_cast<std::size_t>(selected - 1)]);
        };
        addAndMakeVisible(box);
    }
}

void RoutingMatrix::resized()
{
    geometry = MatrixLayout(model.state(), getLocalBounds().reduced(6, 4));
    for (int b = 0; b < interlockSelectors.size(); ++b)
    {
        // Under the booth's name, the full width: "toggle-override" must be readable.
        const auto area = geometry.boothBounds(b).reduced(4, 0);
        const int height = juce::jmin(22, geometry.rowHeight);
        if (area.getHeight() >= 2 * geometry.rowHeight)
            interlockSelectors[b]->setBounds(
                area.withTrimmedTop(geometry.rowHeight).withHeight(height));
        else
            interlockSelectors[b]->setBounds(area.withTrimmedLeft(34).withHeight(height));
    }
    auto corner = geometry.area.withSize(MatrixLayout::kBoothWidth + MatrixLayout::kSeatWidth,
                                         MatrixLayout::kHeaderHeight);
    betweenSelector.setBounds(corner.removeFromBottom(24).reduced(2, 1).withTrimmedLeft(62));
}

std::string RoutingMatrix::cursorSeat() const
{
    if (cursor.row < 0 || cursor.row >= geometry.rows())
        return {};
    return geometry.seats[static_cast<std::size_t>(cursor.row)];
}

void RoutingMatrix::activate(const MatrixCell& cell)
{
    if (cell.row < 0 || cell.row >= geometry.rows())
        return;
    const auto& seatId = geometry.seats[static_cast<std::size_t>(cell.row)];
    const auto* seat = model.state().seat(seatId);
    const auto* booth = seat ? model.state().booth(seat->booth) : nullptr;
    if (seat == nullptr || booth == nullptr)
        return;
    switch (cell.kind)
    {
    case MatrixCell::Kind::mic:
        actions.setSeatMic(seatId, !seat->live);
        break;
    case MatrixCell::Kind::talk:
    {
        // Only the booth's outputs can be chosen; other channels are not this booth's to talk into.
        const auto letter =
            booth->outputFor(geometry.talkChannels[static_cast<std::size_t>(cell.index)]);
        if (!letter.empty() && letter != seat->output)
            actions.setSeatOutput(seatId, letter);
        break;
    }
    case MatrixCell::Kind::listen:
    {
        const auto& source = geometry.listenSources[static_cast<std::size_t>(cell.index)];
        if (source != seat->listen)
            actions.setSeatListen(seatId, source);
        break;
    }
    }
}

void RoutingMatrix::toggleCursorMic()
{
    activate({cursor.row, MatrixCell::Kind::mic, 0});
}

void RoutingMatrix::showInterlockMenu(bool betweenBooths)
{
    if (betweenBooths)
    {
        betweenSelector.showPopup();
        return;
    }
    if (cursor.row < 0 || cursor.row >= geometry.rows())
        return;
    const int booth = geometry.seatBooth[static_cast<std::size_t>(cursor.row)];
    if (booth < interlockSelectors.size())
        interlockSelectors[booth]->showPopup();
}

void RoutingMatrix::moveCursor(int rows, int columns)
{
    // One column index across mic, talk and listen, so the arrows cross the groups.
    const int talk = geometry.columns(MatrixCell::Kind::talk);
    const int listen = geometry.columns(MatrixCell::Kind::listen);
    int flat = cursor.kind == MatrixCell::Kind::mic    ? 0
               : cursor.kind == MatrixCell::Kind::talk ? 1 + cursor.index
                                                       : 1 + talk + cursor.index;
    flat = juce::jlimit(0, talk + listen, flat + columns);
    cursor.row = juce::jlimit(0, juce::jmax(0, geometry.rows() - 1), cursor.row + rows);
    if (flat == 0)
        cursor = {cursor.row, MatrixCell::Kind::mic, 0};
    else if (flat <= talk)
        cursor = {cursor.row, MatrixCell::Kind::talk, flat - 1};
    else
        cursor = {cursor.row, MatrixCell::Kind::listen, flat - 1 - talk};
    repaint();
}

void RoutingMatrix::mouseDown(const juce::MouseEvent& event)
{
    if (const auto cell = geometry.cellAt(event.getPosition()))
    {
        cursor = *cell;
        activate(*cell);
        repaint();
    }
}

void RoutingMatrix::mouseMove(const juce::MouseEvent& event)
{
    const auto cell = geometry.cellAt(event.getPosition());
    if (cell != hover)
    {
        hover = cell;
        repaint();
    }
}

void RoutingMatrix::mouseExit(const juce::MouseEvent&)
{
    hover.reset();
    repaint();
}

void RoutingMatrix::paint(juce::Graphics& g)
{
    g.fillAll(colours::panel);
    if (!model.hasState())
    {
        g.setColour(colours::textDim);
        g.setFont(Theme::font(18.0f));
        g.drawText("Waiting for the engine's state...", getLocalBounds(),
                   juce::Justification::centred);
        return;
    }
    paintHeader(g);
    const auto& state = model.state();
    for (int b = 0; b < static_cast<int>(geometry.booths.size()); ++b)
    {
        const auto area = geometry.boothBounds(b);
        g.setColour(b % 2 == 0 ? colours::panelRaised : colours::panelRaised.darker(0.15f));
        g.fillRect(area.withRight(geometry.rowBounds(0).getRight()));
        auto title = area.reduced(6, 0).withHeight(geometry.rowHeight);
        g.setColour(colours::text);
        g.setFont(
            Theme::font(juce::jmin(16.0f, static_cast<float>(geometry.rowHeight) * 0.8f), true));
        g.drawText(upper(geometry.booths[static_cast<std::size_t>(b)]), title.removeFromLeft(30),
                   juce::Justification::centredLeft);
        if (const auto* booth = state.booth(geometry.booths[static_cast<std::size_t>(b)]))
        {
            // The booth's outputs beside its name: "A en  B ru".
            juce::String outputs;
            for (const auto& [letter, channel] : booth->outputs)
                outputs << juce::String(letter) << " " << juce::String(channel) << "  ";
            g.setColour(colours::textDim);
            g.setFont(Theme::font(12.0f));
            g.drawText(outputs.trim(), title, juce::Justification::centredRight);
        }
    }
    for (int row = 0; row < geometry.rows(); ++row)
        paintRow(g, row);
    paintLegend(g);

    // The keyboard cursor, drawn last so it is never hidden.
    if (hasKeyboardFocus(true) || getParentComponent() != nullptr)
    {
        g.setColour(colours::accent);
        g.drawRect(geometry.cellBounds(cursor).expanded(1), 2);
    }
}

void RoutingMatrix::paintLegend(juce::Graphics& g)
{
    // What the marks mean, under the last row when the window leaves room for it.
    const auto last = geometry.rowBounds(geometry.rows() - 1);
    auto line = juce::Rectangle<int>(geometry.area.getX(), last.getBottom() + 6,
                                     geometry.area.getWidth(), 18);
    if (line.getBottom() > getHeight())
        return;
    const auto mark = [&](juce::Colour colour, bool filled, const juce::String& text)
    {
        auto box = line.removeFromLeft(16).withSizeKeepingCentre(14, 12).toFloat();
        g.setColour(colour);
        if (filled)
            g.fillRoundedRectangle(box, 3.0f);
        else
            g.drawRoundedRectangle(box.reduced(1.0f), 3.0f, 1.5f);
        line.removeFromLeft(4);
        g.setColour(colours::textDim);
        g.drawText(text, line.removeFromLeft(Theme::font(12.0f).getStringWidth(text) + 18),
                   juce::Justification::centredLeft);
    };
    g.setFont(Theme::font(12.0f));
    mark(colours::live, true, "live: talks into this channel");
    mark(colours::accent.withAlpha(0.35f), true, "output chosen (A/B: the booth's outputs)");
    mark(colours::accent, true, "listens to");
    mark(colours::accent.withAlpha(0.7f), false, "what auto hears");
}

void RoutingMatrix::paintHeader(juce::Graphics& g)
{
    const auto& state = model.state();
    g.setFont(Theme::font(12.0f, true));
    g.setColour(colours::textDim);
    const auto corner = geometry.area.withSize(MatrixLayout::kBoothWidth + MatrixLayout::kSeatWidth,
                                               MatrixLayout::kHeaderHeight);
    g.drawText("ROUTING", corner.withHeight(MatrixLayout::kHeaderHeight / 2).withTrimmedLeft(4),
               juce::Justification::centredLeft);
    g.setFont(Theme::font(11.0f));
    g.drawText(
        "between",
        corner.withTrimmedTop(MatrixLayout::kHeaderHeight / 2).withWidth(60).withTrimmedLeft(4),
        juce::Justification::centredLeft);

    for (auto kind : {MatrixCell::Kind::talk, MatrixCell::Kind::listen})
    {
        const auto group = geometry.groupHeader(kind);
        g.setColour(colours::grid);
        g.fillRect(group.withTrimmedTop(group.getHeight() - 2).reduced(2, 0));
        g.setColour(colours::textDim);
        g.setFont(Theme::font(12.0f, true));
        g.drawText(kind == MatrixCell::Kind::talk ? "TALKS INTO" : "LISTENS TO", group,
                   juce::Justification::centred);
    }
    g.setFont(Theme::font(11.0f, true));
    g.drawText("MIC", geometry.columnHeader(MatrixCell::Kind::mic, 0),
               juce::Justification::centred);

    for (int i = 0; i < geometry.columns(MatrixCell::Kind::talk); ++i)
    {
        const auto& id = geometry.talkChannels[static_cast<std::size_t>(i)];
        const auto* channel = state.channel(id);
        const auto area = geometry.columnHeader(MatrixCell::Kind::talk, i);
        // A channel with a live interpreter has a red bar over its column.
        if (channel != nullptr && !channel->holder.empty())
        {
            g.setColour(colours::live);
            g.fillRect(area.withHeight(3).reduced(3, 0));
        }
        g.setColour(channel ? depthColour(channel->depth) : colours::textDim);
        g.setFont(Theme::font(13.0f, true));
        g.drawText(upper(id), area, juce::Justification::centred);
    }
    for (int i = 0; i < geometry.columns(MatrixCell::Kind::listen); ++i)
    {
        const auto& id = geometry.listenSources[static_cast<std::size_t>(i)];
        const auto area = geometry.columnHeader(MatrixCell::Kind::listen, i);
        g.setColour(id == "floor" ? colours::floorFeed
                                  : (id == "auto" ? colours::text : colours::textDim));
        g.setFont(Theme::font(id.size() > 2 ? 11.0f : 13.0f, true));
        g.drawText(id == "floor" ? "FLR" : (id == "auto" ? juce::String("auto") : upper(id)), area,
                   juce::Justification::centred);
    }
}

void RoutingMatrix::paintRow(juce::Graphics& g, int row)
{
    const auto& state = model.state();
    const auto* seat = state.seat(geometry.seats[static_cast<std::size_t>(row)]);
    const auto* booth = state.booth(
        geometry
            .booths[static_cast<std::size_t>(geometry.seatBooth[static_cast<std::size_t>(row)])]);
    if (seat == nullptr || booth == nullptr)
        return;
    const auto rowArea = geometry.rowBounds(row);
    if (seat->live)
    {
        g.setColour(colours::live.withAlpha(0.16f));
        g.fillRect(rowArea);
    }
    if (row == cursor.row)
    {
        g.setColour(colours::accent.withAlpha(0.08f));
        g.fillRect(rowArea);
    }
    // Seat name, its microphone's level, and a warning mark when its hearing protection is
    // working hard.
    auto label = rowArea.withWidth(MatrixLayout::kSeatWidth).reduced(4, 0);
    label.removeFromRight(MatrixLayout::kSeatMeterWidth + 2);
    g.setColour(seat->live ? colours::text : colours::text.withAlpha(0.85f));
    g.setFont(
        Theme::font(juce::jmin(15.0f, static_cast<float>(geometry.rowHeight) * 0.72f), seat->live));
    g.drawText(seat->id, label, juce::Justification::centredLeft);
    if (seat->exposureWarning || std::abs(seat->limiterDb) > 1.0)
    {
        g.setColour(colours::warning);
        g.fillEllipse(label.removeFromRight(8).withSizeKeepingCentre(7, 7).toFloat());
    }
    paintSeatMeter(g, row, *seat);

    // Mic: red and filled when on air, amber while the cough key holds it, an outline when off.
    const auto mic = geometry.cellBounds({row, MatrixCell::Kind::mic, 0}).toFloat();
    const float d = juce::jmin(mic.getHeight(), mic.getWidth()) - 6.0f;
    const auto dot = mic.withSizeKeepingCentre(d, d);
    if (seat->live && seat->cough)
        g.setColour(colours::warning);
    else if (seat->live)
        g.setColour(colours::live);
    else
        g.setColour(colours::grid);
    if (seat->live)
        g.fillEllipse(dot);
    else
        g.drawEllipse(dot.reduced(1.0f), 1.5f);

    for (int i = 0; i < geometry.columns(MatrixCell::Kind::talk); ++i)
        paintTalkCell(g, geometry.cellBounds({row, MatrixCell::Kind::talk, i}), *seat, *booth,
                      geometry.talkChannels[static_cast<std::size_t>(i)]);
    for (int i = 0; i < geometry.columns(MatrixCell::Kind::listen); ++i)
        paintListenCell(g, geometry.cellBounds({row, MatrixCell::Kind::listen, i}), *seat,
                        geometry.listenSources[static_cast<std::size_t>(i)]);
    if (hover && hover->row == row)
    {
        g.setColour(colours::text.withAlpha(0.25f));
        g.drawRect(geometry.cellBounds(*hover), 1);
    }
}

void RoutingMatrix::paintSeatMeter(juce::Graphics& g, int row, const SeatState& seat)
{
    // The microphone's peak on -60..0 dBFS, in the level meters' zones. Off air it is dimmed but
    // shown: the technician checks a microphone before the interpreter goes live.
    constexpr float floorDb = -60.0f;
    const auto area = geometry.seatMeterBounds(row).toFloat();
    g.setColour(colours::background);
    g.fillRoundedRectangle(area, 1.5f);
    const auto found = model.seatMeters().find(seat.id);
    const float db = found == model.seatMeters().end() ? floorDb : found->second.micDb;
    const float proportion = juce::jlimit(0.0f, 1.0f, (db - floorDb) / -floorDb);
    if (proportion <= 0.0f)
        return;
    const auto zone = db > -3.0f ? colours::live : db > -12.0f ? colours::relay : colours::direct;
    g.setColour(seat.live ? zone : zone.withAlpha(0.45f));
    g.fillRoundedRectangle(area.withWidth(area.getWidth() * proportion), 1.5f);
}

void RoutingMatrix::paintTalkCell(juce::Graphics& g, juce::Rectangle<int> cell,
                                  const SeatState& seat, const BoothState& booth,
                                  const std::string& channel)
{
    const auto area = cell.toFloat().reduced(2.0f, 2.0f);
    const auto letter = booth.outputFor(channel);
    g.setColour(colours::grid.withAlpha(0.35f));
    g.fillRect(cell.getX(), cell.getCentreY(), 1, 1); // a faint grid dot keeps columns readable
    if (letter.empty())
        return;
    const bool chosen = letter == seat.output;
    if (chosen && seat.live)
    {
        g.setColour(colours::live);
        g.fillRoundedRectangle(area, 3.0f);
        g.setColour(juce::Colours::white);
    }
    else if (chosen)
    {
        g.setColour(colours::accent.withAlpha(0.35f));
        g.fillRoundedRectangle(area, 3.0f);
        g.setColour(colours::text);
    }
    else
    {
        g.setColour(colours::grid);
        g.drawRoundedRectangle(area.reduced(0.5f), 3.0f, 1.0f);
        g.setColour(colours::textDim);
    }
    g.setFont(Theme::font(juce::jmin(14.0f, area.getHeight() * 0.8f), chosen));
    g.drawText(juce::String(letter), area, juce::Justification::centred);
}

void RoutingMatrix::paintListenCell(juce::Graphics& g, juce::Rectangle<int> cell,
                                    const SeatState& seat, const std::string& source)
{
    const auto area = cell.toFloat().reduced(3.0f, 3.0f);
    const bool chosen = seat.listen == source;
    // With "auto", the source the engine resolved is marked too: the technician sees the relay.
    const bool heard = seat.listen == "auto" && seat.source == source;
    const bool ownChannel = source == seat.channel;
    if (chosen)
    {
        g.setColour(source == "floor" ? colours::floorFeed : colours::accent);
        g.fillRoundedRectangle(area, 3.0f);
    }
    else if (heard)
    {
        g.setColour(colours::accent.withAlpha(0.7f));
        g.drawRoundedRectangle(area.reduced(1.0f), 3.0f, 2.0f);
    }
    else
    {
        g.setColour(ownChannel ? colours::grid.withAlpha(0.3f) : colours::grid.withAlpha(0.7f));
        g.fillEllipse(area.withSizeKeepingCentre(4.0f, 4.0f));
    }
}

} // namespace dragoman::console
