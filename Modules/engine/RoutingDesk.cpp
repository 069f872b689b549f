#include "RoutingDesk.h"

#include <limits>

namespace dragoman
{

RoutingDesk::RoutingDesk(const Floorplan& floorplan)
    : plan(floorplan), seats(floorplan.seatCount()), channels(floorplan.channelCount()),
      boothWarnedNoPivot(floorplan.boothCount(), false),
      betweenMode(floorplan.session().interlockBetweenBooths)
{
    for (auto& seat : seats)
        seat.sidetoneDb = -std::numeric_limits<float>::infinity();
    for (int c = 0; c < plan.channelCount(); ++c)
        channels[c].idleFloor = plan.session().channels[c].idle == IdleFeed::floor;
    for (const auto& booth : plan.session().booths)
        boothModes.push_back(booth.interlock);
    floorLanguageIndex = plan.languageIndex(plan.session().floorLanguage);
    floorCode = toLanguageCode(plan.session().floorLanguage);
    relay.prepare(plan.channelCount(), plan.seatCount());

    // Settle the initial state quietly: the session file already says it.
    struct Quiet final : EventSink
    {
        void emit(const Event&) noexcept DRAGOMAN_NONBLOCKING override {}
    } quiet;
    Context context{0, quiet};
    refresh(context);
}

bool RoutingDesk::seatOnAir(int seat) const noexcept DRAGOMAN_NONBLOCKING
{
    const auto& s = seats[seat];
    return s.live && !s.cough && !channels[seatChannel(seat)].passThrough;
}

int RoutingDesk::seatChannel(int seat) const noexcept DRAGOMAN_NONBLOCKING
{
    return plan.boothOutput(plan.seatBooth(seat), seats[seat].slot);
}

bool RoutingDesk::channelCarriesFloor(int channel) const noexcept DRAGOMAN_NONBLOCKING
{
    const auto& c = channels[channel];
    return c.passThrough || (c.holders == 0 && c.idleFloor);
}

Event RoutingDesk::seatEvent(EventKind kind, int seat) const noexcept DRAGOMAN_NONBLOCKING
{
    Event event;
    event.kind = kind;
    event.seat = static_cast<std::int16_t>(seat);
    event.channel = static_cast<std::int16_t>(seatChannel(seat));
    return event;
}

void RoutingDesk::emit(Context& context, Event event) noexcept DRAGOMAN_NONBLOCKING
{
    event.frame = context.frame;
    context.sink.emit(event);
}

void RoutingDesk::apply(const Command& command, std::int64_t frame,
                        EventSink& sink) noexcept DRAGOMAN_NONBLOCKING
{
    Context context{frame, sink};
    const int target = command.target;
    const auto level = [&](float& setting)
    {
        setting = command.decibels;
        auto event = seatEvent(EventKind::seatLevel, target);
        event.detail = static_cast<std::int16_t>(command.kind);
        event.value = command.decibels;
        emit(context, event);
    };

    switch (command.kind)
    {
    case CommandKind::seatMic:
        if (command.value)
            micOn(target, context);
        else
            micOff(target, context);
        break;
    case CommandKind::seatHandover:
        handover(target, context);
        break;
    case CommandKind::seatCough:
        if (seats[target].cough != (command.value != 0))
        {
            seats[target].cough = command.value != 0;
            emit(context,
                 seatEvent(command.value ? EventKind::coughOn : EventKind::coughOff, target));
        }
        break;
    case CommandKind::seatListen:
        seats[target].listen = command.value;
        break;
    case CommandKind::seatOutput:
        changeOutput(target, command.value, context);
        break;
    case CommandKind::seatVolume:
        level(seats[target].volumeDb);
        break;
    case CommandKind::seatBass:
        level(seats[target].bassDb);
        break;
    case CommandKind::seatTreble:
        level(seats[target].trebleDb);
        break;
    case CommandKind::seatSidetone:
        level(seats[target].sidetoneDb);
        break;
    case CommandKind::floorLanguage:
    {
        floorLanguageIndex = command.value;
        floorCode = command.language;
        std::fill(boothWarnedNoPivot.begin(), boothWarnedNoPivot.end(), false);
        Event event;
        event.kind = EventKind::floorLanguage;
        event.language = floorCode;
        emit(context, event);
        break;
    }
    case CommandKind::channelIdle:
    {
        channels[target].idleFloor = command.value != 0;
        Event event;
        event.kind = EventKind::idleChanged;
        event.channel = command.target;
        event.detail = command.value;
        emit(context, event);
        break;
    }
    case CommandKind::monitor:
        return; // the engine's MonitorBus: what the technician hears changes no routing
    case CommandKind::boothInterlock:
    case CommandKind::interlockBetween:
    {
        const auto mode = static_cast<InterlockMode>(command.value);
        Event event;
        event.kind = EventKind::interlockChanged;
        event.detail = command.value;
        if (command.kind == CommandKind::boothInterlock)
        {
            boothModes[target] = mode;
            event.booth = command.target;
        }
        else
            betweenMode = mode;
        emit(context, event);
        break;
    }
    }
    refresh(context);
    ++changes;
}

void RoutingDesk::micOn(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    auto& s = seats[seat];
    if (s.live || s.suspendedBy >= 0)
        return;
    const int channel = seatChannel(seat);
    if (channels[channel].passThrough)
    {
        auto event = seatEvent(EventKind::micRefused, seat);
        event.reason = Refusal::passThrough;
        emit(context, event);
        return;
    }
    if (!claim(seat, channel, EventKind::micRefused, context))
        return;
    s.live = true;
    emit(context, seatEvent(EventKind::micOn, seat));
}

void RoutingDesk::micOff(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    auto& s = seats[seat];
    if (!s.live && s.suspendedBy < 0)
        return;
    s.live = false;
    s.suspendedBy = -1;
    emit(context, seatEvent(EventKind::micOff, seat));
    resumeWaitingSeats(context);
}

void RoutingDesk::handover(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    auto& s = seats[seat];
    if (s.live)
        return; // already holds the channel: nothing to take over
    const int booth = plan.seatBooth(seat);
    const int channel = seatChannel(seat);
    const auto refuse = [&](Refusal reason, int other)
    {
        auto event = seatEvent(EventKind::micRefused, seat);
        event.reason = reason;
        event.other = static_cast<std::int16_t>(other);
        emit(context, event);
    };
    if (channels[channel].passThrough)
        return refuse(Refusal::passThrough, -1);

    int partner = -1;
    for (int other = 0; other < plan.seatCount() && partner < 0; ++other)
        if (other != seat && plan.seatBooth(other) == booth && seats[other].live &&
            seatChannel(other) == channel)
            partner = other;
    if (partner < 0)
        return refuse(Refusal::noPartnerLive, -1);

    // Both changes land in the same block: the mixer's ramps crossfade the two microphones.
    seats[partner].live = false;
    s.live = true;
    s.suspendedBy = -1;
    auto off = seatEvent(EventKind::micOff, partner);
    off.other = static_cast<std::int16_t>(seat);
    emit(context, off);
    auto on = seatEvent(EventKind::micOn, seat);
    on.other = static_cast<std::int16_t>(partner);
    emit(context, on);
    // Seats that waited behind the partner now wait behind the new holder.
    resumeWaitingSeats(context);
}

void RoutingDesk::changeOutput(int seat, int slot, Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    auto& s = seats[seat];
    if (s.slot == slot)
        return;
    const int channel = plan.boothOutput(plan.seatBooth(seat), slot);
    if (s.live)
    {
        if (channels[channel].passThrough)
        {
            auto event = seatEvent(EventKind::outputRefused, seat);
            event.channel = static_cast<std::int16_t>(channel);
            event.reason = Refusal::passThrough;
            emit(context, event);
            return;
        }
        if (!claim(seat, channel, EventKind::outputRefused, context))
            return;
    }
    s.slot = slot;
    auto event = seatEvent(EventKind::outputChanged, seat);
    event.detail = static_cast<std::int16_t>(slot);
    emit(context, event);
    resumeWaitingSeats(context);
}

bool RoutingDesk::claim(int seat, int channel, EventKind refusedKind,
                        Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    const int booth = plan.seatBooth(seat);
    const auto modeFor = [&](int other)
    {
        return plan.seatBooth(other) == booth ? boothModes[booth] : betweenMode;
    };
    // A seat is in the way if it holds a microphone in the same booth (one voice per booth) or
    // holds the same channel from another booth.
    const auto inTheWay = [&](int other)
    {
        if (other == seat || !seats[other].live)
            return false;
        return plan.seatBooth(other) == booth || seatChannel(other) == channel;
    };

    for (int other = 0; other < plan.seatCount(); ++other)
    {
        if (!inTheWay(other) || modeFor(other) != InterlockMode::interlock)
            continue;
        auto event = seatEvent(refusedKind, seat);
        event.channel = static_cast<std::int16_t>(channel);
        event.other = static_cast<std::int16_t>(other);
        event.reason = plan.seatBooth(other) == booth ? Refusal::interlockInBooth
                                                      : Refusal::interlockBetweenBooths;
        emit(context, event);
        return false;
    }

    for (int other = 0; other < plan.seatCount(); ++other)
    {
        if (!inTheWay(other))
            continue;
        const auto mode = modeFor(other);
        if (mode == InterlockMode::none)
            continue;
        auto& o = seats[other];
        o.live = false;
        Event event;
        if (mode == InterlockMode::toggleOverride)
        {
            o.suspendedBy = seat;
            event = seatEvent(EventKind::micSuspended, other);
        }
        else
        {
            event = seatEvent(EventKind::micCut, other);
        }
        event.other = static_cast<std::int16_t>(seat);
        emit(context, event);
    }
    return true;
}

void RoutingDesk::resumeWaitingSeats(Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    for (int seat = 0; seat < plan.seatCount(); ++seat)
    {
        auto& s = seats[seat];
        if (s.suspendedBy < 0 || seats[s.suspendedBy].live)
            continue;
        const int booth = plan.seatBooth(seat);
        const int channel = seatChannel(seat);
        int blocker = -1;
        for (int other = 0; other < plan.seatCount() && blocker < 0; ++other)
            if (other != seat && seats[other].live &&
                (plan.seatBooth(other) == booth || seatChannel(other) == channel))
                blocker = other;
        if (blocker >= 0)
        {
            s.suspendedBy = blocker; // keep waiting, now behind whoever holds the way
            continue;
        }
        s.suspendedBy = -1;
        s.live = true;
        emit(context, seatEvent(EventKind::micResumed, seat));
    }
}

int RoutingDesk::resolveSource(int seat, Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    const auto& s = seats[seat];
    if (s.listen != kAuto)
        return s.listen;
    const int booth = plan.seatBooth(seat);
    const int own = plan.boothOutput(booth, 0);
    if (plan.boothUnderstands(booth, floorLanguageIndex) ||
        plan.channelLanguage(own) == floorLanguageIndex)
        return kFloor;
    const int pivot = plan.pivotFor(floorLanguageIndex);
    if (pivot != kNoChannel && pivot != seatChannel(seat))
        return pivot;
    if (!boothWarnedNoPivot[booth])
    {
        boothWarnedNoPivot[booth] = true;
        Event event;
        event.kind = EventKind::noPivot;
        event.booth = static_cast<std::int16_t>(booth);
        event.language = floorCode;
        emit(context, event);
    }
    return kFloor;
}

// Derives everything that follows from the settings, and reports what changed.
void RoutingDesk::refresh(Context& context) noexcept DRAGOMAN_NONBLOCKING
{
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        auto& channel = channels[c];
        const bool pass = plan.channelLanguage(c) == floorLanguageIndex;
        if (pass != channel.passThrough)
        {
            channel.passThrough = pass;
            Event event;
            event.kind = pass ? EventKind::passThroughOn : EventKind::passThroughOff;
            event.channel = static_cast<std::int16_t>(c);
            emit(context, event);
        }
    }

    for (int seat = 0; seat < plan.seatCount(); ++seat)
    {
        auto& s = seats[seat];
        const int source = resolveSource(seat, context);
        if (source != s.source)
        {
            s.source = source;
            auto event = seatEvent(EventKind::listenChanged, seat);
            event.channel = static_cast<std::int16_t>(source);
            event.detail = s.listen == kAuto;
            emit(context, event);
        }
    }

    relay.clear();
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        auto& channel = channels[c];
        const int previousHolder = channel.holder;
        const bool wasIdle = channel.holders == 0;
        channel.holder = -1;
        channel.holders = 0;
        for (int seat = 0; seat < plan.seatCount(); ++seat)
        {
            if (!seats[seat].live || seatChannel(seat) != c)
                continue;
            if (channel.holders++ == 0)
                channel.holder = seat;
            if (!channel.passThrough)
                relay.addInterpreterSource(c, seats[seat].source);
        }
        if (channelCarriesFloor(c))
            relay.setCarriesFloor(c);

        if (channel.holder >= 0 && channel.holder != previousHolder)
        {
            Event event;
            event.kind = EventKind::channelLive;
            event.channel = static_cast<std::int16_t>(c);
            event.seat = static_cast<std::int16_t>(channel.holder);
            emit(context, event);
        }
        else if (channel.holders == 0 && !wasIdle)
        {
            Event event;
            event.kind = EventKind::channelIdle;
            event.channel = static_cast<std::int16_t>(c);
            event.detail = channelCarriesFloor(c);
            emit(context, event);
        }
    }

    relay.solve();
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        if (relay.depth(c) == relay.previousDepth(c))
            continue;
        Event event;
        event.kind = EventKind::relayDepth;
        event.channel = static_cast<std::int16_t>(c);
        event.value = static_cast<float>(relay.depth(c));
        emit(context, event);
    }
    if (relay.hasCycle() && !relay.hadCycle())
    {
        Event event;
        event.kind = EventKind::relayCycle;
        event.pathLength = static_cast<std::uint8_t>(relay.cycleSize());
        for (int i = 0; i < relay.cycleSize(); ++i)
            event.path[i] = static_cast<std::int16_t>(relay.cycleChannel(i));
        event.channel = event.path[0];
        emit(context, event);
    }
    else if (!relay.hasCycle() && relay.hadCycle())
    {
        Event event;
        event.kind = EventKind::relayCycleCleared;
        emit(context, event);
    }
}

} // namespace dragoman
