#pragma once
// Which of the sender's samples the receiver is playing: the RTP timestamp behind each output
// sample, for the mouth-to-ear delay (with an RTCP sender report's NTP <-> RTP pair).
//
// The resampler takes a whole decoded frame into its own buffer as soon as it runs short, well
// before it plays it: the frame last handed over runs up to a frame (plus the filter's
// look-ahead) ahead of the output, so the timestamp of what plays cannot be read off the staged
// frame. It is followed on the resampler's input clock instead: libsamplerate's sinc converters
// are aligned (they pad the filter with zeros ahead of the first input, so at ratio 1 output
// sample k is input sample k), and each output sample steps the input position by the speed the
// drift corrector set, 1 + speedPpm * 1e-6.
//
// Threads: one thread, the audio thread; never allocates, locks or makes system calls.

#include "core/Realtime.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace dragoman
{

class PlayingPosition
{
public:
    // A frame of `samples` goes into the resampler after everything staged before it.
    // `timestamp`: its extended RTP timestamp, or -1 when it has no sender time (silence).
    void staged(std::int64_t timestamp, int samples) noexcept DRAGOMAN_NONBLOCKING
    {
        frames[newest = (newest + 1) % kFrames] = {input, timestamp};
        ++count;
        input += samples;
    }

    // The resampler wrote `produced` samples at `speedPpm`.
    void played(int produced, double speedPpm) noexcept DRAGOMAN_NONBLOCKING
    {
        output += produced * (1.0 + speedPpm * 1e-6);
    }

    // The extended RTP timestamp of the next output sample, or -1 when it has none.
    std::int64_t nextTimestamp() const noexcept DRAGOMAN_NONBLOCKING
    {
        for (std::size_t back = 0; back < kFrames && back < count; ++back)
        {
            const Frame& frame = frames[(newest + kFrames - back) % kFrames];
            if (frame.start <= output)
                return frame.timestamp < 0
                           ? -1
                           : frame.timestamp +
                                 static_cast<std::int64_t>(std::floor(output - frame.start));
        }
        return -1;
    }

private:
    struct Frame
    {
        double start = 0.0; // input position of its first sample
        std::int64_t timestamp = -1;
    };
    // The resampler holds under two frames (it asks for one when it has less than its
    // look-ahead left): a few more cover frames as short as 2.5 ms.
    static constexpr std::size_t kFrames = 16;

    std::array<Frame, kFrames> frames{};
    std::size_t newest = kFrames - 1;
    std::size_t count = 0;
    double input = 0.0;  // input position where the next staged frame starts, in samples
    double output = 0.0; // input position of the next output sample
};

} // namespace dragoman
