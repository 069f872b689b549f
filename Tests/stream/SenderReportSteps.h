#pragma once
// Steps the listener-report tests take with a sender: one frame and a sender report for the
// receivers to answer, then reading their reports until the expected listeners are counted.

#include "stream/RtpStreamSender.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <thread>

namespace dragoman::test
{

inline void sendOneFrameAndReport(RtpStreamSender& sender)
{
    const std::array<std::uint8_t, 3> payload{0xf8, 0xff, 0xfe}; // an Opus frame of silence
    sender.sendFrame(payload, 480, std::chrono::system_clock::now());
    sender.sendReport(false);
}

// Reads until the expected count of listeners appears or half a second passes.
inline void readUntil(RtpStreamSender& sender, std::uint64_t listeners)
{
    for (int i = 0; i < 50; ++i)
    {
        sender.readReports(std::chrono::steady_clock::now());
        if (sender.counters().listeners.load() == listeners)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace dragoman::test
