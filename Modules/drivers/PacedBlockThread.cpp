#include "drivers/PacedBlockThread.h"

namespace dragoman
{

void PacedBlockThread::start(int frames, Block block)
{
    running = true;
    thread = std::thread(
        [this, frames, block = std::move(block)]
        {
            const auto period = std::chrono::nanoseconds(1'000'000'000LL * frames / 48000);
            auto due = std::chrono::steady_clock::now();
            while (running.load(std::memory_order_relaxed))
            {
                std::this_thread::sleep_until(due);
                block(std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now().time_since_epoch()));
                due += period;
            }
        });
}

void PacedBlockThread::stop()
{
    running = false;
    if (thread.joinable())
        thread.join();
}

} // namespace dragoman
