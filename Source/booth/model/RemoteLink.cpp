#include "RemoteLink.h"

namespace dragoman::booth
{

namespace
{
// A counter that went back (the feed's receiver began a new stream) starts over from zero.
std::uint64_t since(std::uint64_t now, std::uint64_t before)
{
    return now >= before ? now - before : now;
}
} // namespace

RemoteLinkView RemoteLinkMeter::update(const RemoteAudioCounters& now)
{
    RemoteLinkView view;
    view.active = true;
    view.audioRunning = now.audioRunning;
    // The first reading has nothing to compare with: what came since the start counts.
    const RemoteAudioCounters before = first ? RemoteAudioCounters{} : previous;
    view.receiving = now.feedDatagrams > before.feedDatagrams;
    view.sending = now.micPackets > before.micPackets;
    const auto received = since(now.feedReceived, before.feedReceived);
    const auto lost = since(now.feedLost, before.feedLost);
    if (received + lost > 0)
        view.lossPercent = 100.0 * static_cast<double>(lost) / static_cast<double>(received + lost);
    view.jitterMs = now.jitterMs;
    view.bufferDelayMs = now.bufferDelayMs;
    view.limiterReductionDb = now.limiterReductionDb;
    view.leqSpl = now.leqSpl;
    view.exposureWarning = now.exposureWarning;
    previous = now;
    first = false;
    return view;
}

} // namespace dragoman::booth
