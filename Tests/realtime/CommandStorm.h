#pragma once
// Random desk traffic for real-time tests: every kind of command a console or the control API
// can send, in the mix a busy session sees (microphones most often), including commands the desk
// must refuse (a second microphone in an interlocked booth, a B output another booth holds).
// Commands go through parseCommand(), as typed text would.
//
// Threads: one storm per control thread; it allocates (text), so never on the audio thread.

#include "core/Command.h"
#include "core/Floorplan.h"

#include <cstdint>
#include <random>
#include <string>

namespace dragoman::realtime
{

class CommandStorm
{
public:
    CommandStorm(const Floorplan& plan, std::uint32_t seed);

    std::string nextLine();
    // nextLine(), parsed. Every line the storm writes parses; a refusal would be a bug here.
    Command next();

private:
    int pick(int count);
    std::string seat();
    std::string decibels(int low, int high);

    const Floorplan& plan;
    std::mt19937 random;
};

} // namespace dragoman::realtime
