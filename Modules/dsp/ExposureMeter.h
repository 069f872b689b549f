#pragma once
// Stage (c) of the hearing-protection limiter: the equivalent level (Leq) of what the interpreter
// heard over the last minute, in dB SPL, and a warning while it stays above the threshold. The
// minute is a fixed ring of 100 ms energy buckets, so it costs a few bytes per second of window.
// It takes energies already summed (in EnergyHistory counts, exact), a stretch of frames at once.
//
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio thread
// (the engine publishes the readings to other threads).

#include "core/Realtime.h"
#include "dsp/WindowSum.h"

#include <cstdint>

namespace dragoman
{

class ExposureMeter
{
public:
    static constexpr double bucketSeconds = 0.1;
    static constexpr double hysteresisDb = 1.0; // so that the warning does not flicker
    static constexpr double floorSpl = 0.0;     // silence reads the threshold of hearing

    void prepare(double sampleRate, double windowSeconds);
    void setLevels(double splAt0dBFS, double warningSpl) noexcept DRAGOMAN_NONBLOCKING;
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    // Frames that add() may take at once: those left in the current bucket.
    int framesToBucketEnd() const noexcept DRAGOMAN_NONBLOCKING
    {
        return bucketFrames - framesInBucket;
    }
    // `frames` (at most framesToBucketEnd()) output samples whose energies sum to `counts`.
    void add(std::uint64_t counts, int frames) noexcept DRAGOMAN_NONBLOCKING
    {
        bucketCounts += counts;
        framesInBucket += frames;
        if (framesInBucket >= bucketFrames)
            closeBucket();
    }

    // Over the whole window, the time before the start or reset() counting as silence (the
    // "1-minute average" of ISO 20109 desks). Updated every 100 ms.
    double leqSpl() const noexcept DRAGOMAN_NONBLOCKING { return leq; }
    bool warning() const noexcept DRAGOMAN_NONBLOCKING { return warn; }

private:
    void closeBucket() noexcept DRAGOMAN_NONBLOCKING;

    WindowSum buckets;
    int bucketFrames = 4800;
    int framesInBucket = 0;
    std::uint64_t bucketCounts = 0;
    double calibration = 110.0;
    double warningSpl = 80.0;
    double leq = floorSpl;
    bool warn = false;
};

} // namespace dragoman
