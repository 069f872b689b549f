#pragma once
// The real-time device driver: one PortAudio duplex stream on the host API and device the
// session names (`audio.host_api`, `audio.device`), at the session's rate and block size. Device
// channels are routed to the engine as `audio.inputs` / `audio.outputs` say; `--in` files can
// replace any input (LoopedInputs). Under JACK the client is called "dragoman"; PortAudio
// numbers its ports from 0, so device channel N is dragoman:in_<N-1> / dragoman:out_<N-1>,
// connected to system:capture_N / system:playback_N.
//
// Threads:
// - open(), start(), stop(), the destructor, listDevices(): the control thread. open()
//   allocates every buffer and pointer array the callback uses; the engine must outlive the
//   driver and must not be driven by anything else while the stream runs.
// - The stream callback: PortAudio's audio thread. It only calls Engine::process(), copies and
//   counts; it never allocates, locks, logs or waits.
// - attachTap(): the control thread, before start(). The callback then hands every streamed
//   channel's block to the tap (StreamSender encodes it); channels no device output carries are
//   rendered into the tap's scratch blocks.
// - attachRemoteSeats(): the control thread, before start(). The callback then takes each remote
//   seat's microphone from the link (a network receiver pulled once per block) and hands the
//   seat's headphone block to it; a remote seat no device output carries is rendered into the
//   link's block.
// - callbacks(), xruns(), frames(): any thread (relaxed atomics). active(), cpuLoad(),
//   description(), inputFiles(): the control thread.

#include "LoopedInputs.h"
#include "core/Realtime.h"
#include "core/Result.h"
#include "core/Session.h"
#include "engine/Engine.h"
#include "seatlink/RemoteSeatLink.h"
#include "stream/ChannelTap.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dragoman
{

// What the stream turned out to be, for the start banner and the JSON status.
struct StreamDescription
{
    std::string hostApi;      // PortAudio's name, e.g. "JACK Audio Connection Kit"
    std::string inputDevice;  // empty when no input channel is opened
    std::string outputDevice; // empty when no output channel is opened
    int inputChannels = 0;
    int outputChannels = 0;
    double sampleRate = 0.0;
    int blockFrames = 0;
    double inputLatencySeconds = 0.0;
    double outputLatencySeconds = 0.0;
};

class PortAudioDriver
{
public:
    // The JACK client name: JACK users patch by it (dragoman:out_31 -> the floor transmitter).
    static constexpr const char* jackClientName = "dragoman";

    // Finds the host API and device, checks that they have the channels the mapping needs and
    // run at the session's rate, and opens (but does not start) the stream. Errors name what was
    // asked for and list what exists.
    static Result<std::unique_ptr<PortAudioDriver>> open(Engine& engine, const AudioMap& audio,
                                                         LoopedInputs files);

    // Every host API and its devices with their channel counts, one per line, or an error.
    static Result<std::string> listDevices();

    PortAudioDriver(const PortAudioDriver&) = delete;
    PortAudioDriver& operator=(const PortAudioDriver&) = delete;
    ~PortAudioDriver(); // stops and closes the stream, then releases PortAudio

    // Streams channels through `tap` (it must outlive the driver and hold a scratch block of at
    // least inputFiles().maxBlock() frames, and one entry per engine channel).
    std::optional<Error> attachTap(ChannelTap& tap);
    // Carries the session's remote seats through `link` (it must outlive the driver, have one
    // entry per engine seat and blocks of at least inputFiles().maxBlock() frames). A file given
    // with `--in SEAT=FILE` still replaces the seat's microphone.
    std::optional<Error> attachRemoteSeats(RemoteSeatLink& link);

    std::optional<Error> start();
    // Idempotent. After a lost device (see active()) it returns at once and leaves the stream
    // and PortAudio unreleased: releasing them can block for minutes.
    std::optional<Error> stop();
    // False once the stream has stopped by itself (e.g. the JACK server went away).
    bool active() const;
    double cpuLoad() const; // 0..1: share of the block period spent in the callback

    const StreamDescription& description() const noexcept { return stream; }
    // The files that replace device inputs; their read positions belong to the audio thread.
    const LoopedInputs& inputFiles() const noexcept { return files; }
    std::uint64_t callbacks() const noexcept
    {
        return callbackCount.load(std::memory_order_relaxed);
    }
    // Callbacks that PortAudio flagged with an input or output underflow or overflow.
    std::uint64_t xruns() const noexcept { return xrunCount.load(std::memory_order_relaxed); }
    std::uint64_t frames() const noexcept { return frameCount.load(std::memory_order_relaxed); }

    // Device channel (0-based) of each engine endpoint, or -1: built by open().
    struct Routing
    {
        int floor = -1;
        std::vector<int> seatMics;    // per seat
        std::vector<int> channelOuts; // per channel, [0] = floor
        std::vector<int> seatOuts;    // per seat
        int monitorOut = -1;          // the technician's monitor (`monitor` in audio.outputs)
        std::vector<int> unusedOuts;  // device outputs no endpoint writes: kept silent
        int inputChannels = 0;
        int outputChannels = 0;
    };

private:
    class Library; // Pa_Initialize / Pa_Terminate

    PortAudioDriver(Engine& engine, Routing routing, LoopedInputs files);

    friend struct StreamCallback; // PortAudio's C callback, kept with PortAudio's types in the .cpp
    void render(const float* const* in, float* const* out, int frames,
                bool xrun) noexcept DRAGOMAN_NONBLOCKING;

    std::unique_ptr<Library> library;
    void* handle = nullptr; // PaStream
    Engine& engine;
    Routing routes;
    LoopedInputs files;
    StreamDescription stream;
    bool lost = false; // the stream died under us: see stop()
    ChannelTap* tap = nullptr;
    RemoteSeatLink* remoteSeats = nullptr;

    // Preallocated for the callback.
    std::vector<const float*> micPointers;
    std::vector<float*> channelPointers;
    std::vector<float*> seatPointers;

    std::atomic<std::uint64_t> callbackCount{0};
    std::atomic<std::uint64_t> xrunCount{0};
    std::atomic<std::uint64_t> frameCount{0};
    static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
};

} // namespace dragoman
