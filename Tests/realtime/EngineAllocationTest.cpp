// The audio thread's promise, checked by counting: Engine::process() neither allocates, frees nor
// locks, while a control thread posts thousands of commands of every kind and a third thread
// drains the events, as the console and the network do in a meeting.

#include "AudioThreadGuard.h"
#include "CommandStorm.h"
#include "NoiseFeed.h"

#include "core/SessionFile.h"
#include "engine/Engine.h"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace dragoman;
using namespace dragoman::realtime;

namespace
{

constexpr int kKindCount = static_cast<int>(CommandKind::seatHandover) + 1;
constexpr int kEventKindCount = static_cast<int>(EventKind::monitorChanged) + 1;

struct ControlTraffic
{
    std::array<std::uint64_t, kKindCount> postedByKind{};
    std::uint64_t posted = 0;
    std::uint64_t refusedByFullQueue = 0;
};

struct EventTally
{
    std::array<std::uint64_t, kEventKindCount> byKind{};
    std::uint64_t refusedInBooth = 0;
    std::uint64_t refusedBetweenBooths = 0;
    std::uint64_t refusedPassThrough = 0;

    void add(const Event& event)
    {
        ++byKind[static_cast<int>(event.kind)];
        if (event.kind != EventKind::micRefused && event.kind != EventKind::outputRefused)
            return;
        refusedInBooth += event.reason == Refusal::interlockInBooth;
        refusedBetweenBooths += event.reason == Refusal::interlockBetweenBooths;
        refusedPassThrough += event.reason == Refusal::passThrough;
    }
    std::uint64_t operator[](EventKind kind) const { return byKind[static_cast<int>(kind)]; }
};

// What the three threads share.
struct AudioRun
{
    std::atomic<int> blocksDone{0};
    std::atomic<bool> audioDone{false};
    std::atomic<bool> floodPosted{false};
};

// The audio thread: only process() runs inside the guard's scope.
void runAudio(Engine& engine, NoiseFeed& feed, int blocks, int floodAt, AudioRun& run)
{
    for (int k = 0; k < blocks; ++k)
    {
        while (k == floodAt && !run.floodPosted.load(std::memory_order_acquire))
            std::this_thread::yield();
        const BlockIo& io = feed.blockAt(k);
        {
            const AudioThreadScope scope;
            engine.process(io);
        }
        run.blocksDone.store(k + 1, std::memory_order_release);
    }
    run.audioDone.store(true, std::memory_order_release);
}

// Posts bursts of commands paced by the audio thread's progress, so that commands keep arriving
// during the whole run. At block `floodAt` the audio thread waits while one burst overfills the
// queue, so that the next block applies a full queue at once.
ControlTraffic postCommands(Engine& engine, AudioRun& run, int floodAt)
{
    ControlTraffic traffic;
    CommandStorm storm(engine.floorplan(), 1234);
    std::mt19937 random(99);
    int nextBurstAt = 0;
    bool floodSent = false;
    while (!run.audioDone.load(std::memory_order_acquire))
    {
        const int done = run.blocksDone.load(std::memory_order_acquire);
        const bool flood = !floodSent && done >= floodAt; // the audio thread waits for it
        if (done < nextBurstAt && !flood)
        {
            std::this_thread::sleep_for(std::chrono::microseconds(100));
            continue;
        }
        nextBurstAt = done + 8;
        const int burst = flood ? static_cast<int>(Engine::commandCapacity) + 500
                                : 1 + static_cast<int>(random() % 12);
        for (int i = 0; i < burst; ++i)
        {
            const Command command = storm.next();
            ++traffic.postedByKind[static_cast<int>(command.kind)];
            if (engine.post(command))
                ++traffic.posted;
            else
                ++traffic.refusedByFullQueue;
        }
        if (flood)
        {
            floodSent = true;
            run.floodPosted.store(true, std::memory_order_release);
        }
    }
    return traffic;
}

// Drains events as the console would, and reads the status board as a display polls it.
EventTally drainEvents(Engine& engine, const std::atomic<bool>& audioDone)
{
    EventTally tally;
    Event event;
    float sink = 0.0f;
    for (;;)
    {
        const bool finished = audioDone.load(std::memory_order_acquire);
        bool any = false;
        while (engine.nextEvent(event))
        {
            tally.add(event);
            any = true;
        }
        if (finished && !any)
            break;
        sink += engine.status().seats[0].headphones.rmsDb();
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    (void)sink;
    return tally;
}

} // namespace

TEST_CASE("The audio-thread guard counts allocations, frees and locks on that thread only",
          "[realtime]")
{
    resetAudioThreadCounts();
    int* volatile outside = new int(1); // no scope: not counted
    delete outside;
    REQUIRE(audioThreadCounts().allocations == 0);

    std::mutex mutex;
    {
        AudioThreadScope audio;
        int* volatile number = new int(2);
        delete number;
        void* volatile raw = std::malloc(16);
        std::free(raw);
        const std::lock_guard lock(mutex);
    }
    const auto counts = audioThreadCounts();
    CHECK(counts.allocations == 2);
    CHECK(counts.frees == 2);
    CHECK(counts.locks == 1);
    resetAudioThreadCounts();
}

TEST_CASE("Engine::process neither allocates nor locks while commands and events flow",
          "[realtime][engine]")
{
    auto session = loadSessionFile(DRAGOMAN_ASSETS_DIR "/sessions/astana.yaml");
    REQUIRE(session);
    Engine engine(std::move(session.value()));
    const Floorplan& plan = engine.floorplan();
    NoiseFeed feed(plan, plan.session().blockFrames);

    constexpr int kBlocks = 100000; // 133 s of audio at 64 frames, 48 kHz
    constexpr int kFloodAt = kBlocks / 2;
    AudioRun run;
    resetAudioThreadCounts();

    std::thread audio([&] { runAudio(engine, feed, kBlocks, kFloodAt, run); });
    ControlTraffic traffic;
    std::thread control([&] { traffic = postCommands(engine, run, kFloodAt); });
    EventTally events;
    std::thread console([&] { events = drainEvents(engine, run.audioDone); });
    audio.join();
    control.join();
    console.join();

    const auto counts = audioThreadCounts();
    if (counts.allocations + counts.frees + counts.locks > 0)
        printFirstViolation(); // the call stack of the first offence, to stderr
    CHECK(counts.allocations == 0);
    CHECK(counts.frees == 0);
    CHECK(counts.locks == 0);

    // The run was the storm it claims to be.
    CHECK(run.blocksDone.load() == kBlocks);
    CHECK(traffic.posted >= 5000);
    CHECK(traffic.refusedByFullQueue > 0);
    // Commands posted after the last block stay in the queue (thousands, on a busy machine); one
    // more block, now that no other thread runs, applies every one of them.
    engine.process(feed.blockAt(kBlocks));
    CHECK(engine.status().commandsApplied.load() == traffic.posted);
    for (int kind = 0; kind < kKindCount; ++kind)
    {
        INFO("command kind " << kind);
        CHECK(traffic.postedByKind[kind] > 0);
    }
    CHECK(events.refusedInBooth > 0);
    CHECK(events.refusedBetweenBooths > 0);
    CHECK(events.refusedPassThrough > 0);
    for (const auto kind :
         {EventKind::micOn, EventKind::micCut, EventKind::micSuspended, EventKind::micResumed,
          EventKind::coughOn, EventKind::listenChanged, EventKind::outputChanged,
          EventKind::floorLanguage, EventKind::relayDepth, EventKind::interlockChanged,
          EventKind::exposureWarning, EventKind::monitorChanged})
    {
        INFO("event " << eventName(kind));
        CHECK(events[kind] > 0);
    }
}
