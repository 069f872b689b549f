#include "FloorQualityMeter.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void FloorQualityMeter::prepare(double sampleRate)
{
    rate = sampleRate;
    level.prepare(sampleRate);
    spectrum.prepare(kFrame);
    frame.assign(kFrame, 0.0f);
    average.assign(spectrum.bins(), 0.0);
    filled = 0;
    smoothing = std::min(1.0, kFrame / (kAverageSeconds * sampleRate));
    meanSquare = 0.0;
    silencePower = std::pow(10.0, kSilenceDb / 10.0);
    rangeFactor = std::pow(10.0, -kRangeDb / 10.0);
    clipHoldFrames = static_cast<std::int64_t>(kClipHoldSeconds * sampleRate);
    sinceClip = clipHoldFrames;
    clips.store(0, std::memory_order_relaxed);
    clippingNow.store(false, std::memory_order_relaxed);
    bandwidth.store(0.0f, std::memory_order_relaxed);
}

void FloorQualityMeter::process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    level.process(buf, n);
    std::uint32_t clipped = 0;
    for (int i = 0; i < n; ++i)
        clipped += std::fabs(buf[i]) >= 1.0f;
    if (clipped > 0)
    {
        clips.fetch_add(clipped, std::memory_order_relaxed);
        sinceClip = 0;
    }
    else
        sinceClip += n;
    clippingNow.store(sinceClip < clipHoldFrames, std::memory_order_relaxed);

    int done = 0;
    while (done < n)
    {
        const int take = std::min(n - done, kFrame - filled);
        std::copy_n(buf + done, take, frame.data() + filled);
        filled += take;
        done += take;
        if (filled == kFrame)
        {
            analyseFrame();
            filled = 0;
        }
    }
}

void FloorQualityMeter::analyseFrame() noexcept DRAGOMAN_NONBLOCKING
{
    double energy = 0.0;
    for (float x : frame)
        energy += static_cast<double>(x) * x;
    meanSquare += smoothing * (energy / kFrame - meanSquare);

    spectrum.analyse(frame.data());
    double strongest = 0.0;
    for (int k = 1; k < spectrum.bins(); ++k) // bin 0 is DC: an offset, not sound
    {
        average[k] += smoothing * (spectrum.power(k) - average[k]);
        strongest = std::max(strongest, average[k]);
    }

    if (meanSquare < silencePower || strongest <= 0.0)
    {
        bandwidth.store(0.0f, std::memory_order_relaxed);
        return;
    }
    const double threshold = strongest * rangeFactor;
    int highest = 1;
    for (int k = spectrum.bins() - 1; k > 0; --k)
        if (average[k] >= threshold)
        {
            highest = k;
            break;
        }
    bandwidth.store(static_cast<float>(highest * rate / kFrame), std::memory_order_relaxed);
}

} // namespace dragoman
