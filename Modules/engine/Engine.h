#pragma once
// The real-time routing engine: the floor to every interpreter's headphones, every live
// interpreter's microphone to its language channel, under the desk's rules. A plain object: build
// it from a session, call process() from any driver (PortAudio, offline files, a test).
//
// Threads:
// - constructor, destructor: control thread, while no driver runs (allocates everything).
// - process(): the audio thread only; never allocates, locks, logs, waits or makes system calls.
// - post(): any control thread (producers are serialised by a mutex the audio thread never takes).
// - nextEvent(): one consumer thread at a time.
// - status(), floorplan(): any thread.

#include "EventSink.h"
#include "MonitorBus.h"
#include "RoutingDesk.h"
#include "SeatStrip.h"
#include "StatusBoard.h"
#include "core/Command.h"
#include "core/Floorplan.h"
#include "core/Realtime.h"
#include "core/SpscQueue.h"
#include "dsp/GainRamp.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace dragoman
{

// One block of audio in and out. Every pointer may be null: a null input is silence, a null
// output is not wanted.
struct BlockIo
{
    const float* floor = nullptr;
    const float* const* seatMics = nullptr; // seatCount() entries
    float* const* channelOuts = nullptr; // channelCount() + 1 entries: [0] floor, [1 + c] channel c
    float* const* seatOuts = nullptr;    // seatCount() entries: headphones
    float* monitorOut = nullptr;         // the technician's monitor (`monitor` command)
    int frames = 0;
};

class Engine
{
public:
    // maxBlock: the largest chunk processed at once; longer blocks are split. 0 = the session's.
    explicit Engine(Session session, int maxBlock = 0);

    const Floorplan& floorplan() const noexcept { return plan; }
    double sampleRate() const noexcept { return plan.session().sampleRate; }

    // False when the command queue is full: the command is dropped and counted.
    bool post(const Command& command);
    bool nextEvent(Event& event) noexcept;
    const StatusBoard& status() const noexcept { return board; }
    std::uint64_t commandsDropped() const noexcept
    {
        return dropped.load(std::memory_order_relaxed);
    }

    void process(const BlockIo& io) noexcept DRAGOMAN_NONBLOCKING;

    // Headphone delay of the hearing-protection limiter's look-ahead, in frames.
    int seatLatencyFrames() const noexcept;

    static constexpr std::size_t commandCapacity = 4096;
    static constexpr std::size_t eventCapacity = 16384;

private:
    class QueueSink final : public EventSink
    {
    public:
        QueueSink(SpscQueue<Event>& queue, std::atomic<std::uint64_t>& dropped)
            : events(queue), lost(dropped)
        {
        }
        void emit(const Event& event) noexcept DRAGOMAN_NONBLOCKING override;

    private:
        SpscQueue<Event>& events;
        std::atomic<std::uint64_t>& lost;
    };

    void processChunk(const BlockIo& io, int offset, int n) noexcept DRAGOMAN_NONBLOCKING;
    void applyCommands() noexcept DRAGOMAN_NONBLOCKING;
    void followDesk() noexcept DRAGOMAN_NONBLOCKING;
    void mixChannels(const BlockIo& io, int offset, int n) noexcept DRAGOMAN_NONBLOCKING;
    void renderSeats(const BlockIo& io, int offset, int n) noexcept DRAGOMAN_NONBLOCKING;
    void selectMonitor(const Command& command) noexcept DRAGOMAN_NONBLOCKING;
    void renderMonitor(const BlockIo& io, int offset, int n) noexcept DRAGOMAN_NONBLOCKING;
    const float* monitorFeed(MonitorSource source, bool fading, const BlockIo& io,
                             int offset) const noexcept DRAGOMAN_NONBLOCKING;
    void publish() noexcept DRAGOMAN_NONBLOCKING;
    const float* sourceBuffer(int source) const noexcept;

    Floorplan plan;
    int maxBlock;
    int rampFrames;
    int crossfadeFrames;
    RoutingDesk desk;
    std::uint32_t followedRevision = ~0u;

    std::vector<SeatStrip> strips;
    std::vector<GainRamp> micRamps;  // seat x output slot
    std::vector<GainRamp> idleRamps; // per channel: the floor while nobody is on air
    std::vector<float> floorBuffer;
    std::vector<std::vector<float>> channelBuffers;
    std::vector<float> seatBuffer;
    std::vector<bool> exposureWarned;
    MonitorBus monitor;

    SpscQueue<Command> commands;
    SpscQueue<Event> events;
    std::mutex postMutex;
    std::atomic<std::uint64_t> dropped{0};
    StatusBoard board;
    QueueSink sink;
    std::int64_t frame = 0;
};

} // namespace dragoman
