#pragma once
// What `dragoman engine` shows the technician while it runs: a compact table of channels (who is
// live, relay depth, peak, short-term loudness, and for a streamed channel its packets and
// kilobits a second), one line about the streams (overruns, send errors), one line about the
// seats (live seats, exposure warnings, limiter activity), plus the JSON status written at the end.
//
// The engine publishes 100 ms meters; a status line every second would show whatever 100 ms it
// happened to catch. So the view samples the board often (sample(), every control tick) and
// shows the loudest moment since the last line, like a desk's peak hold.
//
// Threads: the control thread only. It reads the engine's StatusBoard (relaxed atomics, safe
// while the audio thread writes), the driver's counters and the streams' counters
// (StreamSender::stats(), safe while the encoder threads send); it never touches the audio thread.

#include "drivers/PortAudioDriver.h"
#include "engine/Engine.h"
#include "stream/StreamSender.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dragoman::cli
{

// The run as the program sees it: driver counters and the control thread's own counts.
struct RunCounters
{
    double seconds = 0.0;
    std::uint64_t callbacks = 0;
    std::uint64_t xruns = 0;
    std::uint64_t frames = 0;
    std::uint64_t events = 0;
    std::uint64_t refusedCommands = 0;
    double cpuLoad = 0.0;
};

// Relay depth as desks show it: floor, direct, + (relay), - (double relay), CYCLE, none.
std::string relayName(int depth);

class StatusView
{
public:
    // `streams`: the engine's delegate streams, or nullptr when the session streams nothing; it
    // must outlive the view.
    explicit StatusView(const Engine& engine, const StreamSender* streams = nullptr);

    // Every control tick: folds the current meters into the maxima.
    void sample();
    // Every event the program drains: keeps the floor language's code, even one the session
    // does not list.
    void note(const Event& event);

    // The periodic status: a header, one row per channel, the seats' line. Starts a new
    // peak-hold interval.
    std::string table(const RunCounters& run);
    // The final state and the maxima of the whole run, as one JSON object.
    std::string json(const RunCounters& run, const StreamDescription& stream) const;

private:
    struct ChannelHold
    {
        float intervalPeak = -1000.0f;
        float maxPeak = -1000.0f;
        float maxLufs = -1000.0f;
        std::uint32_t clipsShown = 0;
    };
    struct SeatHold
    {
        float intervalReduction = 0.0f;
        float maxReduction = 0.0f;
        bool everLive = false;
    };

    // What a stream sent since the last table, as a rate: the technician sees a stream stall at
    // once, where a total only ever grows.
    struct StreamRate
    {
        double packetsPerSecond = 0.0;
        double kilobitsPerSecond = 0.0; // Opus payload, as the sender reports count it
    };

    std::string carries(int row) const; // row 0 = floor, c + 1 = channel c
    std::string seatsLine();
    // Takes the streams' counters, updates `rates` (one per row; nullopt: not streamed).
    std::vector<ChannelStreamStats> sampleStreams(double seconds);
    std::string streamsLine(const std::vector<ChannelStreamStats>& now) const;
    int rowOf(const std::string& channel) const; // -1: no such channel

    const Engine& engine;
    const Floorplan& plan;
    const StatusBoard& board;
    const StreamSender* streams;
    std::vector<ChannelHold> channels;            // floor first
    std::vector<std::optional<StreamRate>> rates; // per row, floor first; nullopt: not streamed
    std::vector<ChannelStreamStats> lastStreams;  // as of the last table
    double lastStreamSeconds = 0.0;
    std::vector<SeatHold> seats;
    std::string floorCode;
};

} // namespace dragoman::cli
