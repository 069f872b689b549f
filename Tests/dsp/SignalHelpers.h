#pragma once
// Test signals and measurements shared by the dsp tests.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace dragoman::test
{

constexpr double sampleRate = 48000.0;

inline std::vector<float> sine(double frequency, double peak, int frames, double rate = sampleRate)
{
    std::vector<float> out(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i)
        out[i] = static_cast<float>(peak * std::sin(2.0 * std::numbers::pi * frequency * i / rate));
    return out;
}

// Uniform white noise in [-peak, peak]; fixed seed so that failures reproduce.
inline std::vector<float> noise(double peak, int frames, std::uint32_t seed = 1)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> dist(-peak, peak);
    std::vector<float> out(static_cast<std::size_t>(frames));
    for (auto& s : out)
        s = static_cast<float>(dist(rng));
    return out;
}

inline std::vector<float> silence(int frames)
{
    return std::vector<float>(static_cast<std::size_t>(frames), 0.0f);
}

inline std::vector<float> concat(std::initializer_list<std::vector<float>> parts)
{
    std::vector<float> out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline int frames(double seconds, double rate = sampleRate)
{
    return static_cast<int>(std::lround(seconds * rate));
}

inline double meanSquare(const std::vector<float>& x, std::size_t begin, std::size_t end)
{
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i)
        sum += static_cast<double>(x[i]) * x[i];
    return end > begin ? sum / static_cast<double>(end - begin) : 0.0;
}

inline double peakOf(const std::vector<float>& x)
{
    double peak = 0.0;
    for (float s : x)
        peak = std::max(peak, static_cast<double>(std::fabs(s)));
    return peak;
}

inline double toDb(double amplitude)
{
    return 20.0 * std::log10(amplitude);
}

// Mean squares of every `window`-frame window that ends at frame >= firstEnd, sliding by one
// frame. Windows that start before the signal count the silence before it.
struct WindowRange
{
    double min = 0.0;
    double max = 0.0;
};

inline WindowRange windowMeanSquares(const std::vector<float>& x, int window, int firstEnd = 0)
{
    std::vector<double> prefix(x.size() + 1, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i)
        prefix[i + 1] = prefix[i] + static_cast<double>(x[i]) * x[i];
    WindowRange r{1e300, 0.0};
    for (std::size_t end = static_cast<std::size_t>(std::max(firstEnd, 1)); end <= x.size(); ++end)
    {
        const std::size_t begin = end >= static_cast<std::size_t>(window) ? end - window : 0;
        const double ms = (prefix[end] - prefix[begin]) / window;
        r.min = std::min(r.min, ms);
        r.max = std::max(r.max, ms);
    }
    return r;
}

// Runs a block processor over the whole signal in blocks of irregular size (1 .. maxBlock), so
// that no block boundary is special.
template <typename Process> void inBlocks(std::vector<float>& x, int maxBlock, Process&& process)
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> size(1, maxBlock);
    std::size_t pos = 0;
    while (pos < x.size())
    {
        const int n = std::min(size(rng), static_cast<int>(x.size() - pos));
        process(x.data() + pos, n);
        pos += static_cast<std::size_t>(n);
    }
}

} // namespace dragoman::test
