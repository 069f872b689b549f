#pragma once
// Hands each streamed channel's audio from the audio thread to the encoder thread: one AudioRing
// per channel. The driver points the engine at the device's output buffer or, for a channel no
// device output carries, at the tap's scratch block, then gives the tap every channel's block.
//
// Threads: construction allocates (control thread, before audio starts). scratch() and write():
// the audio thread only; they never allocate, lock or make a system call. A block that does not
// fit in a ring (the encoder thread stalled) is dropped and counted by the ring, never waited for.
// ring(): the encoder thread (its read side) or the control thread (counters).

#include "core/AudioRing.h"
#include "core/Realtime.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace dragoman
{

class ChannelTap
{
public:
    // `streamed[c]`: channel c (0 = floor, 1 + i = channel i) is streamed. Each ring holds
    // `ringSamples` (rounded up to a power of two); scratch blocks hold `maxBlock` frames.
    ChannelTap(const std::vector<bool>& streamed, std::size_t ringSamples, int maxBlock);

    std::size_t channelCount() const noexcept { return rings.size(); }
    int maxBlock() const noexcept { return blockFrames; }
    bool streamed(std::size_t channel) const noexcept { return rings[channel] != nullptr; }

    // Where the engine may write channel `channel` when no device output takes it; nullptr when
    // the channel is not streamed.
    float* scratch(std::size_t channel) noexcept DRAGOMAN_NONBLOCKING
    {
        return rings[channel] ? scratchBlocks[channel].data() : nullptr;
    }

    // `channels`: channelCount() pointers as BlockIo::channelOuts holds them after the engine
    // ran; `frames` <= maxBlock(). Streamed channels with a null pointer are skipped.
    void write(const float* const* channels, int frames) noexcept DRAGOMAN_NONBLOCKING
    {
        for (std::size_t c = 0; c < rings.size(); ++c)
            if (rings[c] && channels[c] != nullptr)
                rings[c]->write(channels[c], static_cast<std::size_t>(frames));
    }

    AudioRing* ring(std::size_t channel) noexcept { return rings[channel].get(); }

private:
    int blockFrames;
    std::vector<std::unique_ptr<AudioRing>> rings; // nullptr: not streamed
    std::vector<std::vector<float>> scratchBlocks;
};

} // namespace dragoman
