// RealtimeSanitizer check: runs Engine::process() from a [[clang::nonblocking]] audio function,
// so that RTSan (-fsanitize=realtime) stops the program with a call stack at the first malloc,
// free, lock or blocking system call on the audio path, while a control thread posts commands of
// every kind and a console thread drains the events.
//
// Usage: dragoman_rtsan_check SESSION.yaml [--violate] [--blocks N]
//   --violate  allocate once inside the audio function on purpose: that run must fail, which
//              proves the sanitizer is watching.
// Built only by compilers that have -fsanitize=realtime (see CMakeLists.txt).

#include "CommandStorm.h"
#include "NoiseFeed.h"

#include "core/SessionFile.h"
#include "core/Realtime.h"
#include "engine/Engine.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <thread>

using namespace dragoman;
using namespace dragoman::realtime;

namespace
{

// The deliberate offence of --violate, kept out of the audio function so that the compile-time
// check (-Wfunction-effects) stays quiet about the code under test.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wfunction-effects"
void allocateOnPurpose() noexcept DRAGOMAN_NONBLOCKING
{
    int* volatile p = new int(7);
    delete p;
}
#pragma clang diagnostic pop

// The audio thread's whole life: everything it calls must be real-time safe.
void runAudio(Engine& engine, NoiseFeed& feed, int blocks, bool violate,
              std::atomic<int>& blocksDone) noexcept DRAGOMAN_NONBLOCKING
{
    for (int k = 0; k < blocks; ++k)
    {
        engine.process(feed.blockAt(k));
        blocksDone.store(k + 1, std::memory_order_release);
        if (violate && k == blocks / 2)
            allocateOnPurpose();
    }
}

void postCommands(Engine& engine, const std::atomic<int>& blocksDone, int blocks)
{
    CommandStorm storm(engine.floorplan(), 2024);
    int nextBurstAt = 0;
    int done = 0;
    while ((done = blocksDone.load(std::memory_order_acquire)) < blocks)
    {
        if (done < nextBurstAt)
        {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            continue;
        }
        nextBurstAt = done + 8;
        for (int i = 0; i < 1 + done % 12; ++i)
            engine.post(storm.next());
    }
}

std::uint64_t drainEvents(Engine& engine, const std::atomic<int>& blocksDone, int blocks)
{
    std::uint64_t events = 0;
    Event event;
    for (;;)
    {
        const bool finished = blocksDone.load(std::memory_order_acquire) >= blocks;
        bool any = false;
        while (engine.nextEvent(event))
        {
            ++events;
            any = true;
        }
        if (finished && !any)
            return events;
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << "usage: dragoman_rtsan_check SESSION.yaml [--violate] [--blocks N]\n";
        return 2;
    }
    bool violate = false;
    int blocks = 20000; // 27 s of audio at 64 frames: every command kind many times over, at -O0
    for (int i = 2; i < argc; ++i)
    {
        const std::string_view arg = argv[i];
        if (arg == "--violate")
            violate = true;
        else if (arg == "--blocks" && i + 1 < argc)
            blocks = std::atoi(argv[++i]);
    }

    auto session = loadSessionFile(argv[1]);
    if (!session)
    {
        std::cerr << session.error() << '\n';
        return 2;
    }
    Engine engine(std::move(session.value()));
    NoiseFeed feed(engine.floorplan(), engine.floorplan().session().blockFrames);
    std::atomic<int> blocksDone{0};

    std::thread control([&] { postCommands(engine, blocksDone, blocks); });
    std::thread console(
        [&]
        {
            const auto events = drainEvents(engine, blocksDone, blocks);
            std::cout << events << " events\n";
        });
    std::thread audio([&] { runAudio(engine, feed, blocks, violate, blocksDone); });
    audio.join();
    control.join();
    console.join();

    std::cout << "RealtimeSanitizer: " << blocks << " blocks, "
              << engine.status().commandsApplied.load() << " commands applied, "
              << engine.commandsDropped() << " dropped: no real-time violation\n";
    return 0;
}
