#include "BenchOpusSpeech.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace dragoman::cli
{

SpeechSignal::SpeechSignal(double seconds, std::size_t maxRead)
    : period(static_cast<std::size_t>(seconds * 48000.0)), samples(period + maxRead, 0.0f)
{
    std::mt19937 random(20240611);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    std::uniform_real_distribution<double> syllable(0.12, 0.25);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    const float lowPass = 1.0f - std::exp(-2.0f * std::numbers::pi_v<float> * 1500.0f / 48000.0f);
    float low = 0.0f;
    float previousLow = 0.0f;
    std::size_t i = 0;
    while (i < period)
    {
        const auto length = static_cast<std::size_t>(syllable(random) * 48000.0);
        const bool pause = chance(random) < 0.12;
        for (std::size_t k = 0; k < length && i < period; ++k, ++i)
        {
            low += lowPass * (noise(random) - low);
            const float band = low - 0.98f * previousLow; // removes rumble below ~150 Hz
            previousLow = low;
            const double phase = static_cast<double>(k) / static_cast<double>(length);
            samples[i] =
                pause ? 0.0f : static_cast<float>(std::sin(std::numbers::pi * phase)) * band;
        }
    }
    double energy = 0.0;
    std::size_t talking = 0;
    for (std::size_t k = 0; k < period; ++k)
        if (samples[k] != 0.0f)
        {
            energy += static_cast<double>(samples[k]) * samples[k];
            ++talking;
        }
    const auto gain = static_cast<float>(
        0.1 / std::sqrt(energy / static_cast<double>(std::max<std::size_t>(talking, 1))));
    for (float& x : samples)
        x *= gain;
    // The tail repeats the head, so a read that starts near the end stays contiguous.
    std::copy_n(samples.begin(), maxRead, samples.begin() + static_cast<std::ptrdiff_t>(period));
}

const float* SpeechSignal::at(int voice, std::int64_t position) const noexcept
{
    const auto offset = static_cast<std::size_t>(voice) * 7919u * 61u;
    return samples.data() + (offset + static_cast<std::size_t>(position)) % period;
}

} // namespace dragoman::cli
