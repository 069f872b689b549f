#pragma once
// Single-producer / single-consumer FIFO of trivially copyable items.
//
// Threads: reset() on the control thread before either side runs; push() from exactly one
// producer thread; pop() from exactly one consumer thread. push() and pop() never allocate,
// lock or wait, so either side may be the audio thread.

#include <atomic>
#include <cstddef>
#include <memory>
#include <type_traits>

namespace dragoman
{

// The index arithmetic alone, so that it can be read and tested apart from the storage.
class SpscIndices
{
public:
    void reset(std::size_t capacity) noexcept
    {
        slots = capacity + 1; // one slot stays empty to tell full from empty
        writePos.store(0, std::memory_order_relaxed);
        readPos.store(0, std::memory_order_relaxed);
    }
    std::size_t capacity() const noexcept { return slots - 1; }

    // Producer: the slot to write, or npos when full. Call commitWrite() after filling it.
    std::size_t slotToWrite() const noexcept
    {
        const auto w = writePos.load(std::memory_order_relaxed);
        const auto next = w + 1 == slots ? 0 : w + 1;
        return next == readPos.load(std::memory_order_acquire) ? npos : w;
    }
    void commitWrite() noexcept
    {
        const auto w = writePos.load(std::memory_order_relaxed);
        writePos.store(w + 1 == slots ? 0 : w + 1, std::memory_order_release);
    }

    // Consumer: the slot to read, or npos when empty. Call commitRead() after copying it.
    std::size_t slotToRead() const noexcept
    {
        const auto r = readPos.load(std::memory_order_relaxed);
        return r == writePos.load(std::memory_order_acquire) ? npos : r;
    }
    void commitRead() noexcept
    {
        const auto r = readPos.load(std::memory_order_relaxed);
        readPos.store(r + 1 == slots ? 0 : r + 1, std::memory_order_release);
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::size_t slots = 1;
    alignas(64) std::atomic<std::size_t> writePos{0};
    alignas(64) std::atomic<std::size_t> readPos{0};
};

template <typename T> class SpscQueue
{
    static_assert(std::is_trivially_copyable_v<T>, "items cross threads by copy");

public:
    SpscQueue() = default;
    explicit SpscQueue(std::size_t capacity) { reset(capacity); }

    // Control thread, while neither side runs: allocates.
    void reset(std::size_t capacity)
    {
        storage = std::make_unique<T[]>(capacity + 1);
        indices.reset(capacity);
    }

    std::size_t capacity() const noexcept { return indices.capacity(); }

    // Producer thread. False when full: the item is dropped and the caller counts it.
    bool push(const T& item) noexcept
    {
        const auto slot = indices.slotToWrite();
        if (slot == SpscIndices::npos)
            return false;
        storage[slot] = item;
        indices.commitWrite();
        return true;
    }

    // Consumer thread. False when empty.
    bool pop(T& item) noexcept
    {
        const auto slot = indices.slotToRead();
        if (slot == SpscIndices::npos)
            return false;
        item = storage[slot];
        indices.commitRead();
        return true;
    }

private:
    std::unique_ptr<T[]> storage;
    SpscIndices indices;
};

} // namespace dragoman
