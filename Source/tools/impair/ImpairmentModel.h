#pragma once
// What a bad network does to a packet: lose it (at random or in bursts), delay it (fixed delay
// plus jitter), hold some back so they arrive out of order, or deliver it twice. Seeded, so that
// a failing test can be replayed packet for packet.
//
// Threads: one thread at a time (the relay's loop, or a test).

#include <cstdint>
#include <random>
#include <vector>

namespace dragoman::impair
{

struct ImpairmentSettings
{
    double lossPercent = 0.0;    // average loss, random or in bursts
    double burstLength = 1.0;    // mean packets per loss burst (Gilbert-Elliott); 1 = independent
    double delayMs = 0.0;        // fixed one-way delay added to every packet
    double jitterMs = 0.0;       // extra delay, uniform in [0, jitter]
    double reorderPercent = 0.0; // packets held back by reorderMs so that later ones overtake
    double reorderMs = 5.0;
    double duplicatePercent = 0.0; // packets delivered twice
    std::uint64_t seed = 1;
};

class ImpairmentModel
{
public:
    explicit ImpairmentModel(const ImpairmentSettings& settings);

    // Delays (ms after arrival) at which to deliver copies of the next packet: none when lost,
    // two when duplicated. The returned vector is reused by the next call.
    const std::vector<double>& next();

private:
    bool lose();
    double uniform() { return unit(random); }

    ImpairmentSettings config;
    std::mt19937_64 random;
    std::uniform_real_distribution<double> unit{0.0, 1.0};
    bool inBurst = false;
    double enterBurst = 0.0; // probability per packet of a burst starting
    double leaveBurst = 1.0; // probability per packet of a burst ending
    std::vector<double> copies;
};

} // namespace dragoman::impair
