#pragma once
// One received UDP datagram on its way from the network thread to the audio thread. Trivially
// copyable and of fixed size, so it travels through a core SpscQueue<Datagram> without either side
// allocating: the network thread stamps `arrival` (steady_clock) right after recv() and pushes;
// the audio thread pops everything queued at the start of its callback and hands each one to
// ReceiverPipeline::push() before pull().
//
// Threads: a plain value, any thread.

#include "receive/Timing.h"

#include <array>
#include <cstdint>
#include <span>

namespace dragoman
{

struct Datagram
{
    static constexpr std::size_t capacity = 1500; // an Ethernet MTU; UDP payloads are smaller

    Nanoseconds arrival{0};
    std::uint16_t size = 0;
    std::array<std::uint8_t, capacity> bytes{};

    std::span<const std::uint8_t> view() const noexcept { return {bytes.data(), size}; }
};

} // namespace dragoman
