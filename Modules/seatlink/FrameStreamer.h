#pragma once
// The sending end of remote seats' legs: for each leg an AudioRing filled by the audio thread, an
// OpusChannelEncoder and an RtpStreamSender (RTP + RTCP sender reports) from the stream module,
// run by one encoder thread that polls every 0.5 ms and encodes every complete frame at once, as
// StreamSender does for the delegates' channels. Adds at most the poll period plus the encode
// time (~10 us at 2.5 ms frames) to the frame.
//
// Threads: add(), start(), stop(), the destructor: control thread. The rings' write side: the
// audio thread. packets(): any thread (relaxed counters).

#include "core/AudioRing.h"
#include "core/Result.h"
#include "core/Session.h"
#include "stream/OpusChannelEncoder.h"
#include "stream/RtpStreamSender.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace dragoman
{

class FrameStreamer
{
public:
    FrameStreamer() = default;
    ~FrameStreamer();
    FrameStreamer(const FrameStreamer&) = delete;
    FrameStreamer& operator=(const FrameStreamer&) = delete;

    // A leg: `ring` (owned by the caller, outliving the streamer) encoded with `opus` and sent to
    // `to` (RTCP to the next port), leaving by `interfaceAddress`. Control thread, before start().
    std::optional<Error> add(AudioRing& ring, const StreamEndpoint& to, const OpusSettings& opus,
                             const std::string& interfaceAddress, const std::string& cname);

    void start();
    void stop(); // sends BYE on every leg; idempotent

    std::size_t legs() const noexcept { return streams.size(); }
    int frameSamples(std::size_t leg) const noexcept
    {
        return streams[leg].encoder->frameSamples();
    }
    int lookaheadSamples(std::size_t leg) const noexcept
    {
        return streams[leg].encoder->lookaheadSamples();
    }
    const StreamCounters& counters(std::size_t leg) const noexcept
    {
        return streams[leg].sender->counters();
    }

private:
    struct Leg
    {
        AudioRing* ring = nullptr;
        std::unique_ptr<OpusChannelEncoder> encoder;
        std::unique_ptr<RtpStreamSender> sender;
    };
    void run();

    std::vector<Leg> streams;
    std::atomic<bool> running{false};
    bool started = false;
    std::thread thread;
};

} // namespace dragoman
