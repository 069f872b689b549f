#pragma once
// The measuring instrument of `dragoman bench latency`: a JACK client with one output port that
// sends clicks (short tone bursts, which survive a speech codec better than a single sample) and
// one input port that detects them, timing both in JACK frames as jack_iodelay does. A click's
// delay is the frame of its detected onset minus the frame its burst started at; the path in
// between (a direct patch, dragoman engine -> network -> dragoman receive, or JackTrip) is
// whatever the ports are connected to.
//
// Threads: open(), connect*(), measure() and the destructor belong to the control thread.
// process() runs on JACK's real-time thread; it never allocates, locks or waits. The two share
// preallocated click records, handed over with atomics (the control thread fills a plan before
// it arms a run and reads the results only after the audio thread has published them).

#include "core/Result.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;
typedef std::uint32_t jack_nframes_t;

namespace dragoman::cli
{

struct ClickTiming
{
    std::int64_t sentFrame = -1;
    std::int64_t detectedFrame = -1; // -1: not heard within the timeout
};

struct ClickRun
{
    std::vector<ClickTiming> clicks;
    int sampleRate = 48000;
    bool aborted = false; // the JACK server went away or the run timed out
};

class LatencyProbe
{
public:
    // Connects to the running JACK server `server` as client `name`.
    static Result<std::unique_ptr<LatencyProbe>> open(const std::string& server,
                                                      const std::string& name);
    ~LatencyProbe();
    LatencyProbe(const LatencyProbe&) = delete;
    LatencyProbe& operator=(const LatencyProbe&) = delete;

    // Our click output into `port` / `port` into our detector; disconnect() undoes both.
    std::optional<Error> sendInto(const std::string& port);
    std::optional<Error> listenTo(const std::string& port);
    void disconnect();
    // Full names of the ports that match (a regular expression, as jack_get_ports takes it).
    std::vector<std::string> ports(const std::string& pattern) const;
    std::string sendPort() const;
    std::string receivePort() const;

    // Sends `count` clicks, each `spacingSeconds` to 1.5 x that after the previous one was
    // heard (or given up on after `timeoutSeconds`), at a random frame within the JACK period.
    ClickRun measure(int count, double spacingSeconds, double timeoutSeconds, unsigned seed);

    int sampleRate() const { return rate; }
    int periodFrames() const { return period; }
    bool realtime() const;

private:
    LatencyProbe() = default;
    static int processThunk(jack_nframes_t frames, void* self) noexcept;
    static void shutdownThunk(void* self) noexcept;
    int process(jack_nframes_t frames) noexcept;

    static constexpr int burstFrames = 96; // 2 ms
    static constexpr float threshold = 0.1f;

    jack_client_t* client = nullptr;
    jack_port_t* output = nullptr;
    jack_port_t* input = nullptr;
    int rate = 48000;
    int period = 64;
    std::vector<float> burst;
    std::vector<std::string> connected; // "source\nsink" pairs made by sendInto()/listenTo()

    // The plan (control thread, before arming) and the results (audio thread, while armed).
    std::vector<std::int64_t> gapFrames; // from the previous click's end to the next send
    std::vector<ClickTiming> results;
    std::int64_t timeoutFrames = 0;
    // Audio thread's state of a run.
    int index = 0;
    std::int64_t nextSend = -1;
    std::int64_t sending = -1; // start frame of the click in flight
    std::int64_t burstAt = -1; // start frame of the last burst written
    bool started = false;

    std::atomic<int> clicksArmed{0}; // control -> audio: a run of this many clicks
    std::atomic<int> clicksDone{0};  // audio -> control: records published so far
    std::atomic<bool> serverGone{false};
};

} // namespace dragoman::cli
