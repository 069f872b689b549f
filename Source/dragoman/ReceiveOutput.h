#pragma once
// Where the player's audio goes: a PortAudio output stream (the delegate's headphones), or a WAV
// file written in real time by a timer thread (tests, recordings). Both call
// ChannelPlayer::render() with steady_clock's time, the clock the network thread stamps
// arrivals with.
//
// Threads: open/start/stop/destructor and the getters: control thread. The PortAudio callback
// and the WAV timer thread each are "the audio thread" of ChannelPlayer.

#include "receive/ChannelPlayer.h"

#include "core/Result.h"

#include <memory>
#include <optional>
#include <string>

namespace dragoman::cli
{

class ReceiveOutput
{
public:
    virtual ~ReceiveOutput() = default;
    virtual std::optional<Error> start() = 0;
    virtual void stop() = 0;
    // Seconds from a sample leaving render() to the listener's ear (the device's latency).
    virtual double outputLatencySeconds() const = 0;
    virtual std::string description() const = 0;
    // False once the output has stopped by itself (device lost, file error).
    virtual bool healthy() const = 0;
};

// The block the WAV writer renders: as small as a low-latency device's.
inline constexpr int receiveBlockFrames = 240; // 5 ms

Result<std::unique_ptr<ReceiveOutput>> openWavOutput(ChannelPlayer& player,
                                                     const std::string& file);

// hostApi/device empty: PortAudio's defaults.
Result<std::unique_ptr<ReceiveOutput>>
openDeviceOutput(ChannelPlayer& player, const std::string& hostApi, const std::string& device);

// The largest block either output hands render().
inline constexpr int receiveMaxBlockFrames = 8192;

} // namespace dragoman::cli
