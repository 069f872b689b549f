#pragma once
// Inputs and outputs for driving an Engine in real-time tests: noise at about -20 dBFS on the
// floor and every microphone (loud enough for the meters, the limiter and the exposure warning
// to work), with now and then an odd-sized block (the engine splits long ones) or missing inputs
// and outputs, so that every path through process() runs.
//
// Threads: the constructor allocates (control thread); blockAt() is real-time safe and belongs to
// the audio thread.

#include "core/Floorplan.h"
#include "core/Realtime.h"
#include "engine/Engine.h"

#include <cstdint>
#include <random>
#include <vector>

namespace dragoman::realtime
{

class NoiseFeed
{
public:
    NoiseFeed(const Floorplan& plan, int maxBlock)
        : block(maxBlock), seats(plan.seatCount()), noise(kPeriod + kLongest * maxBlock),
          mics(seats), outStorage((plan.channelCount() + 2 + seats) * kLongest * maxBlock),
          outs(plan.channelCount() + 2 + seats)
    {
        std::mt19937 random(42);
        std::uniform_real_distribution<float> uniform(-0.17f, 0.17f); // RMS ~0.1
        for (auto& x : noise)
            x = uniform(random);
        for (std::size_t i = 0; i < outs.size(); ++i)
            outs[i] = outStorage.data() + i * kLongest * maxBlock;
    }

    const BlockIo& blockAt(std::int64_t index) noexcept DRAGOMAN_NONBLOCKING
    {
        io.frames = index % 97 == 0 ? 1 + static_cast<int>(index % (kLongest * block)) : block;
        io.floor = at(0);
        for (int s = 0; s < seats; ++s)
            mics[s] = index % 1000 == 501 && s % 2 == 0 ? nullptr : at(s + 1);
        const bool nothing = index % 1000 == 500;
        io.seatMics = nothing ? nullptr : mics.data();
        io.channelOuts = nothing ? nullptr : outs.data();
        io.seatOuts = nothing ? nullptr : outs.data() + (outs.size() - 1 - seats);
        io.monitorOut = nothing ? nullptr : outs.back(); // the technician's headphone check
        position += io.frames;
        return io;
    }

private:
    static constexpr std::size_t kPeriod = 48000;
    static constexpr int kLongest = 3; // blocks up to three times the engine's maximum

    const float* at(int input) const noexcept DRAGOMAN_NONBLOCKING
    {
        const auto offset = static_cast<std::size_t>(input) * 997u;
        return noise.data() + (offset + static_cast<std::size_t>(position)) % kPeriod;
    }

    int block;
    int seats;
    std::vector<float> noise;
    std::vector<const float*> mics;
    std::vector<float> outStorage;
    std::vector<float*> outs;
    BlockIo io;
    std::int64_t position = 0;
};

} // namespace dragoman::realtime
