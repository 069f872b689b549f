#pragma once
// The audio thread of `bench fanout`: writes every streamed channel's block of speech-like audio
// into the ChannelTap at the real-time pace of an engine (64 frames every 1.33 ms), so the
// StreamSender's encoder threads see exactly what they see behind a running Engine, without the
// engine's own load (measured by `bench engine`) on the core.
//
// Threads: construction, start() and stop() on the control thread; the feeding thread is the
// tap's only writer. lag() after stop().

#include "BenchFanoutReceivers.h"
#include "BenchOpusSpeech.h"

#include "stream/ChannelTap.h"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace dragoman::cli
{

class FanoutFeed
{
public:
    FanoutFeed(ChannelTap& tap, const SpeechSignal& speech);
    ~FanoutFeed();

    // Writes block b at schedule.start + b * schedule.blockPeriod, on `cpus`, as SCHED_FIFO when
    // `realtime` (falls back to normal scheduling when refused).
    void start(const FrameSchedule& schedule, const std::vector<int>& cpus, bool realtime);
    void stop();

    struct Lag
    {
        std::uint64_t blocks = 0;
        std::uint64_t lateBlocks = 0; // written more than one block period after their time
        double maxUs = 0.0;           // the worst wake-up after a block's time
        bool realtime = false;        // SCHED_FIFO was granted
        double cpuPct = 0.0;          // the feeding thread's own CPU, % of a core
    };
    Lag lag() const { return result; }

private:
    void run(FrameSchedule schedule, std::vector<int> cpus, bool realtime);

    ChannelTap& tap;
    const SpeechSignal& speech;
    std::thread thread;
    std::atomic<bool> running{false};
    Lag result;
};

} // namespace dragoman::cli
