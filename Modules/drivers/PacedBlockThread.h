#pragma once
// A thread that stands in for an audio device when audio comes from or goes to files: it calls
// a block function every `frames` frames of 48 kHz steady_clock time, so that the network, the
// jitter buffers and the recordings see real time. It catches up after a late wake-up rather
// than drift, as a device's clock would.
//
// Threads: start(), stop() and the destructor: the control thread. The block function runs on
// the paced thread, which is then the audio thread of whatever it drives.

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace dragoman
{

class PacedBlockThread
{
public:
    // Receives steady_clock's time when the block is due to be handled.
    using Block = std::function<void(std::chrono::nanoseconds now)>;

    PacedBlockThread() = default;
    PacedBlockThread(const PacedBlockThread&) = delete;
    PacedBlockThread& operator=(const PacedBlockThread&) = delete;
    ~PacedBlockThread() { stop(); }

    void start(int frames, Block block);
    // Returns once the block function has returned for the last time.
    void stop();

private:
    std::atomic<bool> running{false};
    std::thread thread;
};

} // namespace dragoman
