#include "stream/ChannelTap.h"

namespace dragoman
{

ChannelTap::ChannelTap(const std::vector<bool>& streamed, std::size_t ringSamples, int maxBlock)
    : blockFrames(maxBlock), rings(streamed.size()), scratchBlocks(streamed.size())
{
    for (std::size_t c = 0; c < streamed.size(); ++c)
        if (streamed[c])
        {
            rings[c] = std::make_unique<AudioRing>(ringSamples);
            scratchBlocks[c].assign(static_cast<std::size_t>(maxBlock), 0.0f);
        }
}

} // namespace dragoman
