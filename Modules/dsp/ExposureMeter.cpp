#include "dsp/ExposureMeter.h"

#include "dsp/EnergyHistory.h"
#include "dsp/SplCalibration.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void ExposureMeter::prepare(double sampleRate, double windowSeconds)
{
    bucketFrames = std::max(1, static_cast<int>(std::lround(bucketSeconds * sampleRate)));
    buckets.prepare(std::max(1, static_cast<int>(std::lround(windowSeconds / bucketSeconds))));
    reset();
}

void ExposureMeter::setLevels(double splAt0dBFS, double warning) noexcept DRAGOMAN_NONBLOCKING
{
    calibration = splAt0dBFS;
    warningSpl = warning;
}

void ExposureMeter::reset() noexcept DRAGOMAN_NONBLOCKING
{
    buckets.clear();
    framesInBucket = 0;
    bucketCounts = 0;
    leq = floorSpl;
    warn = false;
}

void ExposureMeter::closeBucket() noexcept DRAGOMAN_NONBLOCKING
{
    buckets.push(static_cast<double>(bucketCounts) * EnergyHistory::quantum);
    bucketCounts = 0;
    framesInBucket = 0;
    // The whole minute, even in the first one: the interpreter heard nothing of ours before the
    // start, and dividing by the seconds so far made every seat warn on the first loud second.
    const double frames = static_cast<double>(buckets.length()) * bucketFrames;
    leq = std::max(splOfMeanSquare(buckets.sum() / frames, calibration), floorSpl);
    if (leq > warningSpl)
        warn = true;
    else if (leq < warningSpl - hysteresisDb)
        warn = false;
}

} // namespace dragoman
