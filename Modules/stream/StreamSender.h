#pragma once
// The delegate streams of one engine: for every channel the session's `network:` section lists,
// an Opus encoder and an RTP sender fed from the ChannelTap, run by encoder threads; the
// channels' SDP texts (written as files when a directory is given) and the SAP announcer.
//
// Each encoder thread polls its channels' rings every 0.5 ms and encodes every complete frame at
// once, so encoding and sending add the poll period plus the encode time to the frame itself.
// Every channel's frame completes in the same engine block, so the last channel of a thread
// waits for the others: a thread takes at most kChannelsPerThread channels (about 0.5 ms of
// encoding at 10 ms frames, measured 62 us each), which keeps the added delay under one 64-frame
// block (1.33 ms). Sender reports go out about once a second; receivers' reports are read every
// 50 ms by the same thread (never the audio thread), for the listener count and their loss.
//
// Threads: create(), start(), stop() and the destructor on the control thread; the tap's audio
// side on the audio thread; stats() and sendTimes() from any thread (relaxed counters).

#include "core/Result.h"
#include "core/Session.h"
#include "stream/ChannelTap.h"
#include "stream/OpusChannelEncoder.h"
#include "stream/RtpStreamSender.h"
#include "stream/SapAnnouncer.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace dragoman
{

struct ChannelStreamStats
{
    std::string channel;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    std::uint64_t overruns = 0; // blocks the audio thread dropped because the ring was full
    std::uint64_t sendErrors = 0;
    std::uint64_t encodeErrors = 0;
    std::uint64_t reports = 0;
    // From the receivers' RTCP receiver reports of the last 10 s.
    std::uint64_t listeners = 0;
    double lossPercent = 0.0;        // mean fraction lost over the listeners
    double worstLossPercent = 0.0;   // the listener that loses most
    double jitterMs = 0.0;           // the largest jitter a listener reports
    double rttMs = -1.0;             // the slowest listener's round trip; < 0: none known
    std::uint64_t rtcpMalformed = 0; // datagrams on the RTCP port that are not valid RTCP
    std::uint64_t rtcpForeign = 0;   // valid RTCP about another stream
    std::uint64_t listenersRefused = 0;
};

class StreamSender
{
public:
    // Which engine channels (0 = floor, 1 + i = session.channels[i]) the session streams: the
    // ChannelTap to build before the driver opens.
    static std::vector<bool> streamedChannels(const Session& session);

    // `session.network` must be set. `sdpDirectory` overrides network.sdp_dir; empty: none.
    static Result<std::unique_ptr<StreamSender>> create(const Session& session, ChannelTap& tap,
                                                        const std::filesystem::path& sdpDirectory);
    ~StreamSender();

    void start();
    void stop(); // encodes nothing more, sends BYE and the SAP deletions; idempotent

    // Each streamed channel's SDP, in session order (floor first).
    const std::vector<std::pair<std::string, std::string>>& sdps() const noexcept
    {
        return sdpTexts;
    }
    std::vector<ChannelStreamStats> stats() const;
    // How long each frame's fan-out to its destinations took, all streams together: the part of
    // sending that grows with the number of unicast receivers (`dragoman bench fanout`).
    SendTimeHistogram::Counts sendTimes() const;
    int frameSamples() const noexcept { return samples; }

private:
    struct Stream
    {
        std::string channel;
        AudioRing* ring = nullptr;
        std::unique_ptr<OpusChannelEncoder> encoder;
        std::unique_ptr<RtpStreamSender> sender;
    };

    StreamSender() = default;
    void run(std::size_t first, std::size_t last); // streams [first, last)

    std::vector<Stream> streams;
    std::vector<std::pair<std::string, std::string>> sdpTexts;
    std::unique_ptr<SapAnnouncer> announcer;
    int samples = 480;
    std::vector<std::thread> threads;
    std::atomic<bool> running{false};
    bool stopped = false;
};

} // namespace dragoman
