#pragma once
// The interpreter's end of a remote seat, without a GUI: what `dragoman seat` runs and what the
// booth console will run. Each audio block:
//   microphone -> AudioRing -> encoder thread: Opus + RTP to the engine (FrameStreamer)
//   network thread -> SeatReceiver (jitter buffer, PLC, drift) -> HearingProtectionLimiter
//                  -> headphones
// The limiter is the engine's three-stage one (100 dB SPL ceiling, 94 dB SPL over 100 ms, 80 dB
// SPL Leq-60 s warning) calibrated for this interpreter's headset (`splAt0dBFS`): the network
// (PLC, a sender's bug, a glitch at the engine) never reaches the ears unlimited.
//
// Threads: open(), start(), stop(), the destructor, stats(): control thread; open() allocates.
// process(): the audio thread only (a PortAudio callback or a file clock); it never allocates,
// locks or makes a system call. The readings (limiter, exposure): any thread (relaxed atomics).

#include "core/AudioRing.h"
#include "core/Realtime.h"
#include "core/Result.h"
#include "core/Session.h"
#include "dsp/HearingProtectionLimiter.h"
#include "seatlink/FrameStreamer.h"
#include "seatlink/RtpInbox.h"
#include "seatlink/SeatReceiver.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dragoman
{

struct RemoteSeatConfig
{
    StreamEndpoint engine; // the seat's `listen` in the session: microphone goes here
    StreamEndpoint listen; // the seat's `send_to`: the headphone feed arrives here
    std::string interfaceAddress = "127.0.0.1"; // IPv4 address the microphone leaves by
    double splAt0dBFS = 110.0;    // the headset's calibration (dB SPL of a full-scale sine)
    int frameMicroseconds = 2500; // the microphone's Opus frame
    int maxBlock = 8192;          // the largest block process() is given
    std::string name = "seat";    // for the RTCP CNAME
};

struct RemoteSeatAudioStats
{
    std::uint64_t micPackets = 0;
    std::uint64_t micOverruns = 0; // mic blocks dropped: the encoder thread stalled
    std::uint64_t micSendErrors = 0;
    std::uint64_t feedDatagrams = 0;
    std::uint64_t feedInboxDrops = 0;
    std::optional<ReceiverStats> feed; // the latest snapshot of the headphone feed's receiver
    float maxReductionDb = 0.0f;       // the limiter's largest reduction since the last stats()
    double leqSpl = 0.0;               // exposure over the last minute
    bool exposureWarning = false;
};

class RemoteSeatAudio
{
public:
    static Result<std::unique_ptr<RemoteSeatAudio>> open(const RemoteSeatConfig& config);
    ~RemoteSeatAudio();

    void start();
    void stop(); // idempotent

    // `mic` (nullptr: silence) is sent; `ears` receives `frames` samples of the limited feed.
    // `now`: steady_clock time (the clock arrivals are stamped with).
    void process(const float* mic, float* ears, int frames,
                 Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    // The limiter's delay in frames (its look-ahead), for latency accounting.
    int limiterLatencyFrames() const noexcept { return limiter.latencyFrames(); }
    RemoteSeatAudioStats stats();

private:
    RemoteSeatAudio() = default;

    AudioRing micRing{16384};
    std::vector<float> silence;
    SeatReceiver receiver;
    HearingProtectionLimiter limiter;
    RtpInbox inbox;
    FrameStreamer streamer;
    std::optional<ReceiverStats> lastFeed;
    std::atomic<float> reduction{0.0f}; // the largest since the control thread last read it
    std::atomic<double> leq{0.0};
    std::atomic<bool> warning{false};
};

} // namespace dragoman
