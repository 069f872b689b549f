#include "BenchRemoteClicks.h"

#include <cmath>
#include <numbers>

namespace dragoman::cli
{

ClickLeg::ClickLeg(unsigned seed, double amplitude) : burst(burstFrames), random(seed)
{
    for (int i = 0; i < burstFrames; ++i)
        burst[static_cast<std::size_t>(i)] =
            static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * 1000.0 * i / 48000.0));
    while (detectorOffset < burstFrames &&
           std::abs(burst[static_cast<std::size_t>(detectorOffset)]) <= threshold)
        ++detectorOffset;
}

void ClickLeg::send(float* out, int frames)
{
    for (int i = 0; i < frames; ++i, ++sendFrame)
    {
        if (sending < 0 && remaining > 0 && sendFrame >= nextSend)
        {
            sending = sendFrame;
            --remaining;
        }
        const std::int64_t at = sending < 0 ? -1 : sendFrame - sending;
        out[i] = at >= 0 && at < burstFrames ? burst[static_cast<std::size_t>(at)] : 0.0f;
    }
}

void ClickLeg::listen(const float* in, int frames)
{
    for (int i = 0; i < frames; ++i, ++listenFrame)
    {
        if (sending < 0 || listenFrame < sending)
            continue;
        const bool heard = std::abs(in[i]) > threshold;
        const bool given = listenFrame - sending > timeoutFrames;
        if (!heard && !given)
            continue;
        if (heard)
            delays.push_back(static_cast<double>(listenFrame - sending - detectorOffset) * 1000.0 /
                             48000.0);
        else
            ++lost;
        sending = -1;
        // The next click waits for this one's tail (codec ringing, PLC) to have passed.
        std::uniform_int_distribution<int> gap(4800, 7200);
        nextSend = sendFrame + gap(random);
    }
}

} // namespace dragoman::cli
