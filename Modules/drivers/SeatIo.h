#pragma once
// Where a remote seat's interpreter end (`dragoman seat`, `dragoman-booth`) gets the microphone
// and plays the headphones:
// - a PortAudio duplex stream (mono in, mono out; any host API; on JACK the client is named by
//   the caller, its ports are in_0 and out_0), the real case;
// - files, for tests and rehearsals: the microphone from a recording played in a loop (`--in`),
//   the headphones written to a WAV file (`--out`), paced by a timer thread in 64-frame blocks
//   (a JACK period), so the network and the jitter buffer see real time.
// Both call RemoteSeatAudio::process() with steady_clock's time.
//
// Threads: open/start/stop/destructor and the getters: control thread. The PortAudio callback or
// the timer thread is RemoteSeatAudio's audio thread.

#include "core/Result.h"
#include "seatlink/RemoteSeatAudio.h"

#include <filesystem>
#include <memory>
#include <string>

namespace dragoman
{

class SeatIo
{
public:
    virtual ~SeatIo() = default;
    virtual std::optional<Error> start() = 0;
    virtual void stop() = 0;
    virtual std::string description() const = 0;
    // False once the audio stopped by itself (JACK server gone, disk full).
    virtual bool healthy() const = 0;
};

// The largest block either side hands RemoteSeatAudio::process().
inline constexpr int seatMaxBlockFrames = 8192;

// `micFile` empty: silence; `earsFile` empty: the headphones are discarded.
Result<std::unique_ptr<SeatIo>> openSeatFiles(RemoteSeatAudio& seat,
                                              const std::filesystem::path& micFile,
                                              const std::filesystem::path& earsFile);

// hostApi/device: substrings of PortAudio's names; empty: PortAudio's defaults. `jackClient`:
// the JACK client's name, a string literal (PortAudio keeps the pointer).
Result<std::unique_ptr<SeatIo>> openSeatDevice(RemoteSeatAudio& seat, const std::string& hostApi,
                                               const std::string& device, const char* jackClient);

} // namespace dragoman
