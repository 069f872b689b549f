#pragma once
// Noise shaped like speech for the stream benchmarks (`bench opus`, `bench fanout`): band-limited
// (about 150 Hz to 1.5 kHz), in syllables of 120-250 ms with breath pauses, -20 dBFS RMS while
// talking. Opus spends its effort on what it hears: a steady tone or silence costs less than
// speech, so a tone would flatter the encoder. (`bench engine` has its own copy of the idea in
// BenchCommand.cpp; this one serves whole frames of up to 20 ms to the encoders.)
//
// Threads: construction allocates (control thread); at() from any thread (read-only).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dragoman::cli
{

class SpeechSignal
{
public:
    // A loop of `seconds` at 48 kHz; at() may read up to `maxRead` samples at once.
    SpeechSignal(double seconds, std::size_t maxRead);

    // `voice`'s signal from sample `position` on, readable for maxRead samples. Voices are the
    // same loop at different offsets, so channels do not carry identical audio.
    const float* at(int voice, std::int64_t position) const noexcept;

private:
    std::size_t period;
    std::vector<float> samples;
};

} // namespace dragoman::cli
