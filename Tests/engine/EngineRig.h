#pragma once
// Drives an Engine block by block with test tones and records everything it outputs, so that
// tests can ask "how much of the floor does en-1 hear?" with a windowed tone measurement.

#include "DeskFixture.h"
#include "engine/Engine.h"

#include <cmath>
#include <complex>
#include <numbers>

namespace dragoman::test
{

class EngineRig
{
public:
    explicit EngineRig(Session session = deskSession())
        : engine(std::move(session)), plan(engine.floorplan()),
          channelTapes(plan.channelCount() + 1), seatTapes(plan.seatCount())
    {
        for (int s = 0; s < plan.seatCount(); ++s)
            micHz.push_back(400.0 + 50.0 * s);
    }

    static constexpr double rate = 48000.0;
    static constexpr double floorHz = 300.0;
    float floorLevel = 0.05f; // -26 dBFS: 84 dB SPL in a 110 dB SPL headphone
    float micLevel = 0.05f;
    // Overrides the floor's tone; the floor is then any function of the frame.
    double (*floorSignal)(std::int64_t frame) = nullptr;

    void post(const std::string& text) { REQUIRE(engine.post(command(plan, text))); }

    void run(double seconds)
    {
        const int block = plan.session().blockFrames;
        std::vector<float> floor(block);
        std::vector<std::vector<float>> mics(plan.seatCount(), std::vector<float>(block));
        std::vector<std::vector<float>> channels(plan.channelCount() + 1,
                                                 std::vector<float>(block));
        std::vector<std::vector<float>> seats(plan.seatCount(), std::vector<float>(block));
        std::vector<float> monitor(block);
        std::vector<const float*> micPtrs;
        std::vector<float*> channelPtrs, seatPtrs;
        for (auto& m : mics)
            micPtrs.push_back(m.data());
        for (auto& c : channels)
            channelPtrs.push_back(c.data());
        for (auto& s : seats)
            seatPtrs.push_back(s.data());

        const auto blocks = static_cast<int>(std::llround(seconds * rate / block));
        for (int b = 0; b < blocks; ++b)
        {
            for (int i = 0; i < block; ++i)
            {
                const auto t = static_cast<double>(frame + i);
                floor[i] = floorSignal
                               ? static_cast<float>(floorSignal(frame + i))
                               : floorLevel * static_cast<float>(std::sin(2 * std::numbers::pi *
                                                                          floorHz * t / rate));
                for (int s = 0; s < plan.seatCount(); ++s)
                    mics[s][i] =
                        micLevel *
                        static_cast<float>(std::sin(2 * std::numbers::pi * micHz[s] * t / rate));
            }
            BlockIo io;
            io.floor = floor.data();
            io.seatMics = micPtrs.data();
            io.channelOuts = channelPtrs.data();
            io.seatOuts = seatPtrs.data();
            io.monitorOut = monitor.data();
            io.frames = block;
            engine.process(io);
            for (std::size_t c = 0; c < channels.size(); ++c)
                channelTapes[c].insert(channelTapes[c].end(), channels[c].begin(),
                                       channels[c].end());
            for (std::size_t s = 0; s < seats.size(); ++s)
                seatTapes[s].insert(seatTapes[s].end(), seats[s].begin(), seats[s].end());
            monitorTape.insert(monitorTape.end(), monitor.begin(), monitor.end());
            frame += block;
            Event event;
            while (engine.nextEvent(event))
                events.events.push_back(event);
        }
    }

    const std::vector<float>& channel(const std::string& id) const
    {
        return id == "floor" ? channelTapes[0] : channelTapes[*plan.channelIndex(id) + 1];
    }
    const std::vector<float>& seat(const std::string& id) const
    {
        return seatTapes[*plan.seatIndex(id)];
    }
    double mic(const std::string& id) const { return micHz[*plan.seatIndex(id)]; }
    // The technician's monitor output.
    const std::vector<float>& monitor() const { return monitorTape; }

    // Amplitude of a tone in the last `seconds` of a tape (Hann window, so neighbours 50 Hz apart
    // do not leak into each other).
    static double tone(const std::vector<float>& tape, double hz, double seconds = 0.1)
    {
        const auto n = static_cast<std::size_t>(seconds * rate);
        REQUIRE(tape.size() >= n);
        std::complex<double> sum;
        double weights = 0.0;
        const auto start = tape.size() - n;
        for (std::size_t i = 0; i < n; ++i)
        {
            const double w = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                                  static_cast<double>(n));
            const double phase = 2 * std::numbers::pi * hz * static_cast<double>(start + i) / rate;
            sum += w * static_cast<double>(tape[start + i]) * std::polar(1.0, -phase);
            weights += w;
        }
        return 2.0 * std::abs(sum) / weights;
    }

    // The largest sample-to-sample step in a stretch of tape: a click shows as a step far
    // larger than the tones' own slopes.
    static double largestStep(const std::vector<float>& tape, std::size_t from, std::size_t to)
    {
        double step = 0.0;
        for (std::size_t i = std::max<std::size_t>(from, 1); i < std::min(to, tape.size()); ++i)
            step = std::max(step, static_cast<double>(std::abs(tape[i] - tape[i - 1])));
        return step;
    }

    Engine engine;
    const Floorplan& plan;
    RecordingSink events;
    std::int64_t frame = 0;

private:
    std::vector<double> micHz;
    std::vector<std::vector<float>> channelTapes;
    std::vector<std::vector<float>> seatTapes;
    std::vector<float> monitorTape;
};

inline double db(double ratio)
{
    return 20.0 * std::log10(std::max(ratio, 1e-12));
}

} // namespace dragoman::test
