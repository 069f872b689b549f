#include "BenchFanoutFeed.h"

#include "BenchOpusMachine.h"

#include <algorithm>
#include <chrono>

namespace dragoman::cli
{

FanoutFeed::FanoutFeed(ChannelTap& channelTap, const SpeechSignal& signal)
    : tap(channelTap), speech(signal)
{
}

FanoutFeed::~FanoutFeed()
{
    stop();
}

void FanoutFeed::start(const FrameSchedule& schedule, const std::vector<int>& cpus, bool realtime)
{
    running.store(true);
    thread = std::thread([this, schedule, cpus, realtime] { run(schedule, cpus, realtime); });
}

void FanoutFeed::stop()
{
    running.store(false);
    if (thread.joinable())
        thread.join();
}

void FanoutFeed::run(FrameSchedule schedule, std::vector<int> cpus, bool realtime)
{
    pinCallingThread(cpus);
    result.realtime = realtime && makeCallingThreadRealtime(20);
    std::vector<const float*> blocks(tap.channelCount(), nullptr);
    const std::int64_t cpuStart = callingThreadCpuNanos();
    const auto wallStart = std::chrono::steady_clock::now();
    for (std::int64_t b = 0; running.load(std::memory_order_relaxed); ++b)
    {
        const auto due = schedule.start + b * schedule.blockPeriod;
        std::this_thread::sleep_until(due);
        const auto lag = std::chrono::steady_clock::now() - due;
        result.maxUs =
            std::max(result.maxUs, std::chrono::duration<double, std::micro>(lag).count());
        result.lateBlocks += lag > schedule.blockPeriod ? 1 : 0;
        for (std::size_t c = 0; c < blocks.size(); ++c)
            blocks[c] = speech.at(static_cast<int>(c), b * schedule.blockFrames);
        tap.write(blocks.data(), schedule.blockFrames);
        ++result.blocks;
    }
    const auto wall = std::chrono::steady_clock::now() - wallStart;
    result.cpuPct = 100.0 * static_cast<double>(callingThreadCpuNanos() - cpuStart) /
                    static_cast<double>(std::max<std::int64_t>(
                        1, std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count()));
}

} // namespace dragoman::cli
