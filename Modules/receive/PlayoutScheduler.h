#pragma once
// Decides, frame by frame, what the receiver plays and how fast: the jitter buffer (mechanism),
// the delay policy, the drift estimator and the drift corrector wired together, with no codec
// and no resampler. Fed packets with their arrival times and asked for the next frame with the
// current time, it is deterministic, so a test can run hours of network in seconds.
//
// The controlled quantity, the buffer delay, is measured when a frame is decided (its playout
// starts): now minus the moment its packet would have arrived had it been as fast as the fastest
// recent packet. That is how long an unjittered packet waits in the buffer, free of the jitter
// of the frame's own arrival; a packet is in time exactly when its relative delay is below it.
// - Start: prebuffer (silence in 1 ms steps) until the first frame has waited the target;
//   frames that have already waited much longer (a backlog after an outage) are dropped.
// - Grow at once: when the target jumps a half frame or more above the measured delay, one
//   frame is concealed without consuming a packet (NetEq's "expand"), at most every third frame.
//   An empty buffer (underrun) grows the delay the same way by waiting.
// - Shrink and follow drift slowly: DriftCorrector sets the resampler's speed.
// - Starve: after `starveSeconds` of waiting on an empty buffer, start over with silence.
//
// Threads: construction allocates (control thread, before audio). All other methods belong to
// one thread, the audio thread, and never allocate, lock or make system calls. The network
// thread hands datagrams over through a queue; it never calls this class.

#include "core/Realtime.h"
#include "receive/ArrivalStatistics.h"
#include "receive/DriftCorrector.h"
#include "receive/DriftEstimator.h"
#include "receive/JitterBuffer.h"
#include "receive/PlayoutDelayPolicy.h"
#include "receive/Timing.h"

#include <cstdint>
#include <span>

namespace dragoman
{

struct PlayoutConfig
{
    JitterBufferConfig buffer;
    PlayoutDelayConfig delay;
    DriftEstimatorConfig drift;
    DriftCorrectorConfig corrector;
    double measureSeconds = 0.5;  // smoothing of the measured buffer delay
    double starveSeconds = 0.2;   // waiting this long on an empty buffer: start over
    int silenceChunkSamples = 48; // before playout starts: silence in steps this small (1 ms)
};

struct FrameDecision
{
    enum class Kind : std::uint8_t
    {
        Silence,   // not playing: `samples` of zeros
        Decode,    // decode `payload`
        DecodeFec, // decode the FEC copy in `payload` (the next packet) for `samples`
        Conceal,   // Opus PLC for `samples`
    };
    Kind kind = Kind::Silence;
    std::span<const std::uint8_t> payload; // valid until the next insert() or nextFrame()
    int samples = 0;
    // Extended RTP timestamp of the frame (its low 32 bits are the sender's), or -1 when the frame
    // stands for no sender time (silence, expansion, underrun): what lets RTCP time what plays.
    std::int64_t timestamp = -1;
};

struct PlayoutStats
{
    JitterBufferCounts buffer;
    std::uint64_t expansions = 0;  // frames concealed to grow the delay at once
    std::uint64_t starvations = 0; // playout restarts after waiting too long on an empty buffer
    std::uint64_t bursts = 0;      // late-packet bursts that raised the target
    std::uint64_t driftSteps = 0;  // network delay steps seen by the drift estimator
    double targetSeconds = 0.0;
    double floorSeconds = 0.0;
    double bufferDelaySeconds = 0.0; // measured (smoothed)
    double jitterSeconds = 0.0;      // RFC 3550
    double driftPpm = 0.0;           // sender clock against ours
    double speedPpm = 0.0;           // playback speed set by the corrector
    bool driftValid = false;
    bool playing = false;
};

class PlayoutScheduler
{
public:
    explicit PlayoutScheduler(const PlayoutConfig& config = {});

    // frameSamples: the packet's duration at 48 kHz (> 0).
    InsertOutcome insert(const RtpPacketView& packet, int frameSamples,
                         Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;

    // Called when the resampler needs input; `now` is the time of the pull being rendered.
    FrameDecision nextFrame(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    // Speed at which decoded audio should be consumed, in ppm above nominal.
    double speedPpm() const noexcept DRAGOMAN_NONBLOCKING { return corrector.speedPpm(); }

    // The largest output block: half of it is added to the delay floor.
    void setOutputBlock(int frames) noexcept DRAGOMAN_NONBLOCKING;

    // A channel switch: drop the stream and everything learnt about its clock; keep what was
    // learnt about the network.
    void forgetStream() noexcept DRAGOMAN_NONBLOCKING;

    PlayoutStats stats() const noexcept DRAGOMAN_NONBLOCKING;
    // The unsmoothed buffer delay measured at the last decided frame.
    double lastDelaySeconds() const noexcept DRAGOMAN_NONBLOCKING { return lastDelay; }
    const PlayoutDelayPolicy& policy() const noexcept DRAGOMAN_NONBLOCKING { return delayPolicy; }

private:
    FrameDecision silence() const noexcept DRAGOMAN_NONBLOCKING
    {
        return {FrameDecision::Kind::Silence, {}, config.silenceChunkSamples};
    }

    void measure(double delaySeconds, double frameSeconds) noexcept DRAGOMAN_NONBLOCKING;

    PlayoutConfig config;
    JitterBuffer buffer;
    ArrivalStatistics arrivals;
    PlayoutDelayPolicy delayPolicy;
    DriftEstimator drift;
    DriftCorrector corrector;

    int largestBlock = 0;
    double measured = 0.0;
    double lastDelay = 0.0;
    double waited = 0.0;
    bool stepPending = false;
    int framesSinceExpansion = 0;
    std::uint64_t expansions = 0;
    std::uint64_t starvations = 0;
};

} // namespace dragoman
