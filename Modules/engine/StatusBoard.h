#pragma once
// What the engine shows the outside world while it runs: per seat and per channel state, levels
// and loudness. The audio thread writes each field with a relaxed atomic store after every block;
// any thread may read. A reader may see one block's seat state beside the next block's channel
// state, which a status display tolerates; events carry the exact order of changes.

#include "core/Command.h"
#include "dsp/FloorQualityMeter.h"
#include "dsp/LevelMeter.h"
#include "dsp/LoudnessMeter.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace dragoman
{

struct SeatStatus
{
    std::atomic<bool> live{false};
    std::atomic<bool> onAir{false};
    std::atomic<bool> cough{false};
    std::atomic<bool> suspended{false};
    std::atomic<int> outputSlot{0};
    std::atomic<int> channel{0};
    std::atomic<int> listen{0}; // setting: kFloor, kAuto or a channel
    std::atomic<int> source{0}; // what the seat hears: kFloor or a channel
    std::atomic<float> volumeDb{0.0f};
    std::atomic<float> bassDb{0.0f};
    std::atomic<float> trebleDb{0.0f};
    std::atomic<float> sidetoneDb{0.0f};
    std::atomic<float> limiterReductionDb{0.0f};
    std::atomic<float> leqDbSpl{0.0f};
    std::atomic<bool> exposureWarning{false};
    LevelMeter headphones;
    LevelMeter microphone;
};

struct ChannelStatus
{
    std::atomic<int> holder{-1}; // first live seat, or -1
    std::atomic<int> holders{0};
    std::atomic<int> depth{0};
    std::atomic<bool> passThrough{false};
    std::atomic<bool> idleFloor{true};
    LevelMeter level;
    LoudnessMeter loudness;
};

struct StatusBoard
{
    StatusBoard(int seatCount, int channelCount)
        : seats(std::make_unique<SeatStatus[]>(seatCount)),
          channels(std::make_unique<ChannelStatus[]>(channelCount + 1))
    {
    }

    std::unique_ptr<SeatStatus[]> seats;
    // Index 0 is the floor, channel c is at c + 1.
    std::unique_ptr<ChannelStatus[]> channels;
    // The floor as the interpreters judge it: level, clipping, bandwidth (telephone or studio).
    FloorQualityMeter floorQuality;
    std::atomic<std::int64_t> frames{0};
    std::atomic<int> floorLanguage{0};
    std::atomic<bool> relayCycle{false};
    std::atomic<std::uint64_t> commandsApplied{0};
    std::atomic<std::uint64_t> eventsDropped{0};
    // The technician's monitor source, encodeMonitor()'d into one int so that target and index
    // always belong together; read it with monitorSource(), name it with monitorSourceName().
    std::atomic<int> monitor{encodeMonitor({})};

    MonitorSource monitorSource() const noexcept
    {
        return decodeMonitor(monitor.load(std::memory_order_relaxed));
    }
};

} // namespace dragoman
