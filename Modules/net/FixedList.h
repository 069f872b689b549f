#pragma once
// A list with a fixed capacity stored inline: RTCP carries at most 31 report blocks, SDES chunks
// or BYE sources per packet, so a parsed compound packet fits on the stack and parsing it never
// allocates.
//
// Threads: a plain value; any thread. Real-time safe.

#include "core/Realtime.h"

#include <array>
#include <cstddef>

namespace dragoman
{

template <typename T, std::size_t N> class FixedList
{
public:
    static constexpr std::size_t capacity() noexcept { return N; }
    std::size_t size() const noexcept { return count; }
    bool empty() const noexcept { return count == 0; }
    bool full() const noexcept { return count == N; }
    void clear() noexcept { count = 0; }

    // False when full: the item is not added.
    bool push_back(const T& item) noexcept DRAGOMAN_NONBLOCKING
    {
        if (count == N)
            return false;
        items[count++] = item;
        return true;
    }

    T& operator[](std::size_t i) noexcept { return items[i]; }
    const T& operator[](std::size_t i) const noexcept { return items[i]; }
    T* begin() noexcept { return items.data(); }
    T* end() noexcept { return items.data() + count; }
    const T* begin() const noexcept { return items.data(); }
    const T* end() const noexcept { return items.data() + count; }

    friend bool operator==(const FixedList& a, const FixedList& b) noexcept
    {
        if (a.count != b.count)
            return false;
        for (std::size_t i = 0; i < a.count; ++i)
            if (!(a.items[i] == b.items[i]))
                return false;
        return true;
    }

private:
    std::array<T, N> items{};
    std::size_t count = 0;
};

} // namespace dragoman
