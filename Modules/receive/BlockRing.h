#pragma once
// The last N blocks of a timeline cut into equal blocks (say 100 ms each), each block a small
// summary (a minimum, a count). Sliding-window statistics then cost O(N) per query and never
// allocate, however many packets a block holds.
//
// Threads: one owner thread; everything is real-time safe.

#include "core/Realtime.h"

#include <array>
#include <cstdint>
#include <limits>

namespace dragoman
{

template <typename Block, int N> class BlockRing
{
    static_assert(N > 0);

public:
    BlockRing() noexcept { clear(); }

    // The block with this index, cleared if the ring last held an older block in its slot.
    // Null when the index is older than what the slot holds now: that block has left the window.
    Block* at(std::int64_t index) noexcept DRAGOMAN_NONBLOCKING
    {
        const auto s = slot(index);
        if (indices[s] == index)
            return &blocks[s];
        if (indices[s] > index)
            return nullptr;
        indices[s] = index;
        blocks[s] = Block{};
        return &blocks[s];
    }

    // Calls f(block) for every block with index in [first, first + N).
    template <typename F> void forEachFrom(std::int64_t first, F&& f) const noexcept
    {
        for (std::size_t s = 0; s < N; ++s)
            if (indices[s] >= first && indices[s] < first + N)
                f(blocks[s]);
    }

    void clear() noexcept DRAGOMAN_NONBLOCKING
    {
        indices.fill(std::numeric_limits<std::int64_t>::min());
        blocks.fill(Block{});
    }

private:
    static std::size_t slot(std::int64_t index) noexcept
    {
        return static_cast<std::size_t>(((index % N) + N) % N);
    }

    std::array<Block, N> blocks{};
    std::array<std::int64_t, N> indices{};
};

} // namespace dragoman
