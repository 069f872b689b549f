#pragma once
// A delegate's receiver for one channel: RTP/Opus datagrams in, 48 kHz mono audio out.
//
//   push(datagram, arrival) -> parseRtp -> Opus TOC check -> PlayoutScheduler (jitter buffer,
//                                                            delay policy, drift estimate)
//   pull(out, frames, now)  -> VarispeedResampler asks for input -> PlayoutScheduler decides
//                              -> OpusFrameDecoder decodes / FEC / PLC -> resampler output
//
// No sockets, threads or clocks of its own: the same datagrams, arrival times and pull times give
// bit-identical audio. Bad input (random bytes, truncated packets, wrong payload types, foreign
// SSRCs, floods) is counted and never stops playback.
//
// Threads: construction and destruction allocate (control thread, before audio). push(), pull(),
// forgetStream() and stats() belong to one thread, the audio thread, and never allocate, lock or
// make system calls; the network thread hands datagrams over in a queue (see Datagram.h).

#include "core/Realtime.h"
#include "receive/OpusFrameDecoder.h"
#include "receive/PacketVerdict.h"
#include "receive/PlayingPosition.h"
#include "receive/PlayoutScheduler.h"
#include "receive/ReceiverStats.h"
#include "receive/Timing.h"
#include "receive/VarispeedResampler.h"

#include <cstdint>
#include <memory>
#include <span>

namespace dragoman
{

struct ReceiverConfig
{
    int payloadType = 96; // the dynamic RTP payload type of the Opus stream, from its SDP
    PlayoutConfig playout;
};

class ReceiverPipeline
{
public:
    explicit ReceiverPipeline(const ReceiverConfig& config = {});

    PacketVerdict push(std::span<const std::uint8_t> datagram,
                       Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;

    // Writes exactly `frames` samples (any count >= 0). `now`: the time of this pull on the
    // arrival times' clock; push every datagram that arrived by then first.
    void pull(float* out, int frames, Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

    // A channel switch: forget the stream; the next datagram of any SSRC starts a new one.
    void forgetStream() noexcept DRAGOMAN_NONBLOCKING;

    ReceiverStats stats() const noexcept DRAGOMAN_NONBLOCKING;
    const PlayoutScheduler& scheduler() const noexcept DRAGOMAN_NONBLOCKING { return playout; }

private:
    // Decides and renders the next frame into `staged`; returns the samples written.
    int renderFrame(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;
    int conceal(int samples) noexcept DRAGOMAN_NONBLOCKING;

    ReceiverConfig config;
    PlayoutScheduler playout;
    OpusFrameDecoder decoder;
    VarispeedResampler resampler;
    std::unique_ptr<float[]> staged; // one decoded frame on its way into the resampler
    int stagedStart = 0;
    int stagedEnd = 0;
    std::int64_t stagedTimestamp = -1; // of staged[0]; -1: the staged frame has no sender time
    PlayingPosition position;          // which sender sample the resampler plays
    std::int64_t pullTimestamp = -1;   // of the last pull's first output sample; -1: none

    std::uint64_t truncated = 0;
    std::uint64_t notRtp = 0;
    std::uint64_t wrongPayloadType = 0;
    std::uint64_t notOpus = 0;
    std::uint64_t concealed = 0;
    std::uint64_t fecRecovered = 0;
    std::uint64_t decodeErrors = 0;
};

} // namespace dragoman
