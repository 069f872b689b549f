#pragma once
// Single-producer / single-consumer ring of audio samples, for handing a channel's audio from the
// audio thread to an encoder thread (or back from a network thread to an audio callback).
//
// Threads: construction allocates (control thread, before either side runs). write() from exactly
// one producer thread, read()/available() from exactly one consumer thread; neither allocates,
// locks nor waits. A write that does not fit is dropped whole and counted, so the producer (the
// audio thread) never blocks on a slow consumer.

#include "Realtime.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace dragoman
{

class AudioRing
{
public:
    explicit AudioRing(std::size_t minimumCapacity)
        : size(std::bit_ceil(std::max<std::size_t>(minimumCapacity, 2))), mask(size - 1),
          samples(std::make_unique<float[]>(size))
    {
    }

    std::size_t capacity() const noexcept { return size; }

    // Producer. False (and counted) when there is no room for all n samples.
    bool write(const float* source, std::size_t n) noexcept DRAGOMAN_NONBLOCKING
    {
        const auto w = writePos.load(std::memory_order_relaxed);
        const auto r = readPos.load(std::memory_order_acquire);
        if (size - (w - r) < n)
        {
            overruns.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        copyIn(w, source, n);
        writePos.store(w + n, std::memory_order_release);
        return true;
    }

    // Consumer: samples ready to read.
    std::size_t available() const noexcept DRAGOMAN_NONBLOCKING
    {
        return static_cast<std::size_t>(writePos.load(std::memory_order_acquire) -
                                        readPos.load(std::memory_order_relaxed));
    }

    // Consumer. False when fewer than n samples are ready (nothing is read then).
    bool read(float* destination, std::size_t n) noexcept DRAGOMAN_NONBLOCKING
    {
        const auto r = readPos.load(std::memory_order_relaxed);
        if (writePos.load(std::memory_order_acquire) - r < n)
            return false;
        copyOut(r, destination, n);
        readPos.store(r + n, std::memory_order_release);
        return true;
    }

    std::uint64_t overrunCount() const noexcept { return overruns.load(std::memory_order_relaxed); }

private:
    void copyIn(std::uint64_t position, const float* source,
                std::size_t n) noexcept DRAGOMAN_NONBLOCKING
    {
        const auto start = static_cast<std::size_t>(position) & mask;
        const auto first = std::min(n, size - start);
        std::copy_n(source, first, samples.get() + start);
        std::copy_n(source + first, n - first, samples.get());
    }
    void copyOut(std::uint64_t position, float* destination,
                 std::size_t n) const noexcept DRAGOMAN_NONBLOCKING
    {
        const auto start = static_cast<std::size_t>(position) & mask;
        const auto first = std::min(n, size - start);
        std::copy_n(samples.get() + start, first, destination);
        std::copy_n(samples.get(), n - first, destination + first);
    }

    const std::size_t size;
    const std::size_t mask;
    std::unique_ptr<float[]> samples;
    // 64-bit positions never wrap in practice (three million years at 192 kHz).
    alignas(64) std::atomic<std::uint64_t> writePos{0};
    alignas(64) std::atomic<std::uint64_t> readPos{0};
    std::atomic<std::uint64_t> overruns{0};
};

} // namespace dragoman
