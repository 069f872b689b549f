#include "Engine.h"

#include <algorithm>

namespace dragoman
{

namespace
{
constexpr double kSwitchSeconds = 0.010;    // microphone, cough, output and listen switches
constexpr double kCrossfadeSeconds = 0.020; // auto-floor: the floor fading in or out under a voice
} // namespace

void Engine::QueueSink::emit(const Event& event) noexcept DRAGOMAN_NONBLOCKING
{
    if (!events.push(event))
        lost.fetch_add(1, std::memory_order_relaxed);
}

Engine::Engine(Session session, int maxBlockFrames)
    : plan(std::move(session)),
      maxBlock(maxBlockFrames > 0 ? maxBlockFrames : plan.session().blockFrames),
      rampFrames(static_cast<int>(plan.session().sampleRate * kSwitchSeconds)),
      crossfadeFrames(static_cast<int>(plan.session().sampleRate * kCrossfadeSeconds)), desk(plan),
      strips(plan.seatCount()), micRamps(plan.seatCount() * kMaxOutputs, GainRamp{0.0f}),
      idleRamps(plan.channelCount(), GainRamp{0.0f}), floorBuffer(maxBlock, 0.0f),
      channelBuffers(plan.channelCount(), std::vector<float>(maxBlock, 0.0f)),
      seatBuffer(maxBlock, 0.0f), exposureWarned(plan.seatCount(), false),
      commands(commandCapacity), events(eventCapacity),
      board(plan.seatCount(), plan.channelCount()), sink(events, board.eventsDropped)
{
    const double rate = sampleRate();
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        strips[s].prepare(rate, maxBlock, plan.seatCalibration(s));
        board.seats[s].headphones.prepare(rate);
        board.seats[s].microphone.prepare(rate);
    }
    for (int c = 0; c <= plan.channelCount(); ++c)
    {
        board.channels[c].level.prepare(rate);
        board.channels[c].loudness.prepare(rate);
    }
    board.floorQuality.prepare(rate);
    for (int c = 0; c < plan.channelCount(); ++c)
        idleRamps[c].reset(desk.channelCarriesFloor(c) ? 1.0f : 0.0f);
    monitor.prepare(maxBlock, rampFrames);
    followDesk();
    publish();
}

bool Engine::post(const Command& command)
{
    std::lock_guard lock(postMutex);
    if (commands.push(command))
        return true;
    dropped.fetch_add(1, std::memory_order_relaxed);
    return false;
}

bool Engine::nextEvent(Event& event) noexcept
{
    return events.pop(event);
}

int Engine::seatLatencyFrames() const noexcept
{
    return strips.empty() ? 0 : strips.front().limiter().latencyFrames();
}

void Engine::process(const BlockIo& io) noexcept
{
    for (int offset = 0; offset < io.frames; offset += maxBlock)
        processChunk(io, offset, std::min(maxBlock, io.frames - offset));
}

void Engine::processChunk(const BlockIo& io, int offset, int n) noexcept
{
    applyCommands();
    followDesk();
    mixChannels(io, offset, n);
    renderSeats(io, offset, n);
    renderMonitor(io, offset, n);
    frame += n;
    publish();
}

void Engine::applyCommands() noexcept
{
    Command command;
    std::uint64_t applied = 0;
    while (applied < commandCapacity && commands.pop(command))
    {
        // The monitor is the technician's ear, not routing: the desk never sees it.
        if (command.kind == CommandKind::monitor)
            selectMonitor(command);
        else
            desk.apply(command, frame, sink);
        ++applied;
    }
    if (applied > 0)
        board.commandsApplied.fetch_add(applied, std::memory_order_relaxed);
}

void Engine::followDesk() noexcept
{
    if (desk.revision() == followedRevision)
        return;
    followedRevision = desk.revision();

    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const bool onAir = desk.seatOnAir(s);
        for (int slot = 0; slot < kMaxOutputs; ++slot)
        {
            const float target = onAir && slot == desk.seatOutputSlot(s) ? 1.0f : 0.0f;
            auto& ramp = micRamps[s * kMaxOutputs + slot];
            if (ramp.target() != target)
                ramp.setTarget(target, rampFrames);
        }
        strips[s].follow(desk.seatSource(s), desk.seatVolumeDb(s), desk.seatBassDb(s),
                         desk.seatTrebleDb(s), desk.seatSidetoneDb(s));
    }
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        const float target = desk.channelCarriesFloor(c) ? 1.0f : 0.0f;
        if (idleRamps[c].target() != target)
            idleRamps[c].setTarget(target, crossfadeFrames);
    }
}

namespace
{
bool silent(const GainRamp& ramp)
{
    return ramp.current() == 0.0f && !ramp.ramping();
}

void copyOut(const float* from, float* const* outs, int index, int offset, int n)
{
    if (outs != nullptr && outs[index] != nullptr)
        std::copy(from, from + n, outs[index] + offset);
}
} // namespace

void Engine::mixChannels(const BlockIo& io, int offset, int n) noexcept
{
    if (io.floor != nullptr)
        std::copy(io.floor + offset, io.floor + offset + n, floorBuffer.begin());
    else
        std::fill(floorBuffer.begin(), floorBuffer.begin() + n, 0.0f);

    for (int c = 0; c < plan.channelCount(); ++c)
    {
        auto* out = channelBuffers[c].data();
        if (silent(idleRamps[c]))
            std::fill(out, out + n, 0.0f);
        else
            idleRamps[c].setTo(floorBuffer.data(), out, n); // no need to clear `out` first
    }

    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const float* mic = io.seatMics != nullptr ? io.seatMics[s] : nullptr;
        const int booth = plan.seatBooth(s);
        for (int slot = 0; slot < kMaxOutputs; ++slot)
        {
            auto& ramp = micRamps[s * kMaxOutputs + slot];
            const int channel = plan.boothOutput(booth, slot);
            if (silent(ramp) || channel == kNoChannel)
                continue;
            if (mic != nullptr)
                ramp.addTo(mic + offset, channelBuffers[channel].data(), n);
            else
                ramp.apply(seatBuffer.data(), n); // keeps the ramp's time running over silence
        }
    }

    copyOut(floorBuffer.data(), io.channelOuts, 0, offset, n);
    board.channels[0].level.process(floorBuffer.data(), n);
    board.channels[0].loudness.process(floorBuffer.data(), n);
    board.floorQuality.process(floorBuffer.data(), n);
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        const float* audio = channelBuffers[c].data();
        copyOut(audio, io.channelOuts, c + 1, offset, n);
        board.channels[c + 1].level.process(audio, n);
        board.channels[c + 1].loudness.process(audio, n);
    }
}

const float* Engine::sourceBuffer(int source) const noexcept
{
    return source == kFloor ? floorBuffer.data() : channelBuffers[source].data();
}

void Engine::renderSeats(const BlockIo& io, int offset, int n) noexcept
{
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        auto& strip = strips[s];
        const float* mic =
            io.seatMics != nullptr && io.seatMics[s] != nullptr ? io.seatMics[s] + offset : nullptr;
        const int fading = strip.fadingSource();
        strip.process(sourceBuffer(strip.source()),
                      fading == kNoChannel ? nullptr : sourceBuffer(fading), mic, seatBuffer.data(),
                      n);
        copyOut(seatBuffer.data(), io.seatOuts, s, offset, n);
        if (io.monitorOut != nullptr)
            if (float* keep = monitor.seatCapture(s))
                std::copy(seatBuffer.begin(), seatBuffer.begin() + n, keep);

        auto& status = board.seats[s];
        status.headphones.process(seatBuffer.data(), n);
        if (mic != nullptr)
            status.microphone.process(mic, n);

        const auto& limiter = strip.limiter();
        if (limiter.exposureWarning() != exposureWarned[s])
        {
            exposureWarned[s] = limiter.exposureWarning();
            Event event;
            event.kind =
                exposureWarned[s] ? EventKind::exposureWarning : EventKind::exposureCleared;
            event.frame = frame;
            event.seat = static_cast<std::int16_t>(s);
            event.channel = static_cast<std::int16_t>(desk.seatChannel(s));
            event.value = static_cast<float>(limiter.leqSpl());
            sink.emit(event);
        }
    }
}

void Engine::selectMonitor(const Command& command) noexcept DRAGOMAN_NONBLOCKING
{
    const MonitorSource wanted{static_cast<MonitorTarget>(command.target), command.value};
    if (!monitor.select(wanted))
        return;
    Event event;
    event.kind = EventKind::monitorChanged;
    event.frame = frame;
    event.detail = command.target;
    event.other = command.value;
    sink.emit(event);
}

const float* Engine::monitorFeed(MonitorSource source, bool fading, const BlockIo& io,
                                 int offset) const noexcept DRAGOMAN_NONBLOCKING
{
    switch (source.target)
    {
    case MonitorTarget::off:
        return nullptr;
    case MonitorTarget::floor:
        return floorBuffer.data();
    case MonitorTarget::channel:
        return channelBuffers[source.index].data();
    case MonitorTarget::seat:
        return monitor.capturedSeat(fading);
    case MonitorTarget::mic:
        return io.seatMics != nullptr && io.seatMics[source.index] != nullptr
                   ? io.seatMics[source.index] + offset
                   : nullptr;
    }
    return nullptr;
}

void Engine::renderMonitor(const BlockIo& io, int offset, int n) noexcept DRAGOMAN_NONBLOCKING
{
    // A driver without a monitor port never pays for it; a fade it interrupts resumes later.
    if (io.monitorOut == nullptr)
        return;
    monitor.process(monitorFeed(monitor.source(), false, io, offset),
                    monitorFeed(monitor.fadingSource(), true, io, offset), io.monitorOut + offset,
                    n);
}

void Engine::publish() noexcept
{
    constexpr auto relaxed = std::memory_order_relaxed;
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        auto& status = board.seats[s];
        status.live.store(desk.seatLive(s), relaxed);
        status.onAir.store(desk.seatOnAir(s), relaxed);
        status.cough.store(desk.seatCoughing(s), relaxed);
        status.suspended.store(desk.seatSuspended(s), relaxed);
        status.outputSlot.store(desk.seatOutputSlot(s), relaxed);
        status.channel.store(desk.seatChannel(s), relaxed);
        status.listen.store(desk.seatListenSetting(s), relaxed);
        status.source.store(desk.seatSource(s), relaxed);
        status.volumeDb.store(desk.seatVolumeDb(s), relaxed);
        status.bassDb.store(desk.seatBassDb(s), relaxed);
        status.trebleDb.store(desk.seatTrebleDb(s), relaxed);
        status.sidetoneDb.store(desk.seatSidetoneDb(s), relaxed);
        const auto& limiter = strips[s].limiter();
        status.limiterReductionDb.store(limiter.gainReductionDb(), relaxed);
        status.leqDbSpl.store(static_cast<float>(limiter.leqSpl()), relaxed);
        status.exposureWarning.store(limiter.exposureWarning(), relaxed);
    }
    for (int c = 0; c < plan.channelCount(); ++c)
    {
        auto& status = board.channels[c + 1];
        status.holder.store(desk.channelHolder(c), relaxed);
        status.holders.store(desk.channelHolderCount(c), relaxed);
        status.depth.store(desk.channelDepth(c), relaxed);
        status.passThrough.store(desk.channelPassesFloor(c), relaxed);
        status.idleFloor.store(desk.channelIdleFloor(c), relaxed);
    }
    board.frames.store(frame, relaxed);
    board.floorLanguage.store(desk.floorLanguage(), relaxed);
    board.relayCycle.store(desk.relayCycle(), relaxed);
    board.monitor.store(encodeMonitor(monitor.source()), relaxed);
}

} // namespace dragoman
