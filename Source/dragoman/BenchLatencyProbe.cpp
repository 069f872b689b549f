#include "BenchLatencyProbe.h"
#include "BenchLatencyProcess.h"

#include <jack/jack.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <numbers>
#include <random>
#include <thread>

namespace dragoman::cli
{

Result<std::unique_ptr<LatencyProbe>> LatencyProbe::open(const std::string& server,
                                                         const std::string& name)
{
    std::unique_ptr<LatencyProbe> probe(new LatencyProbe());
    jack_status_t status{};
    probe->client = jack_client_open(
        name.c_str(), static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status,
        server.c_str());
    if (probe->client == nullptr)
        return Error{"cannot connect to the JACK server '" + server + "' (status 0x" +
                     std::to_string(static_cast<int>(status)) + ")"};
    probe->rate = static_cast<int>(jack_get_sample_rate(probe->client));
    probe->period = static_cast<int>(jack_get_buffer_size(probe->client));
    probe->output = jack_port_register(probe->client, "click_out", JACK_DEFAULT_AUDIO_TYPE,
                                       JackPortIsOutput, 0);
    probe->input =
        jack_port_register(probe->client, "click_in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    if (probe->output == nullptr || probe->input == nullptr)
        return Error{"cannot register the probe's JACK ports"};
    // A Hann-windowed 1.5 kHz burst at half full scale: its onset is steep enough to time to a
    // fraction of a millisecond after Opus, and it sits where a 32 kb/s codec keeps detail.
    probe->burst.resize(burstFrames);
    for (int n = 0; n < burstFrames; ++n)
    {
        const double t = static_cast<double>(n) / probe->rate;
        const double window = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / burstFrames);
        probe->burst[n] =
            static_cast<float>(0.5 * window * std::sin(2.0 * std::numbers::pi * 1500.0 * t));
    }
    jack_set_process_callback(probe->client, &LatencyProbe::processThunk, probe.get());
    jack_on_shutdown(probe->client, &LatencyProbe::shutdownThunk, probe.get());
    if (jack_activate(probe->client) != 0)
        return Error{"cannot activate the probe's JACK client"};
    return probe;
}

LatencyProbe::~LatencyProbe()
{
    if (client != nullptr)
    {
        jack_deactivate(client);
        jack_client_close(client);
    }
}

bool LatencyProbe::realtime() const
{
    return client != nullptr && jack_is_realtime(client) != 0;
}

std::string LatencyProbe::sendPort() const
{
    return jack_port_name(output);
}

std::string LatencyProbe::receivePort() const
{
    return jack_port_name(input);
}

std::optional<Error> LatencyProbe::sendInto(const std::string& port)
{
    if (const int e = jack_connect(client, sendPort().c_str(), port.c_str()); e != 0 && e != EEXIST)
        return Error{"cannot connect " + sendPort() + " to " + port};
    connected.push_back(sendPort() + "\n" + port);
    return std::nullopt;
}

std::optional<Error> LatencyProbe::listenTo(const std::string& port)
{
    if (const int e = jack_connect(client, port.c_str(), receivePort().c_str());
        e != 0 && e != EEXIST)
        return Error{"cannot connect " + port + " to " + receivePort()};
    connected.push_back(port + "\n" + receivePort());
    return std::nullopt;
}

void LatencyProbe::disconnect()
{
    for (const auto& pair : connected)
    {
        const auto split = pair.find('\n');
        jack_disconnect(client, pair.substr(0, split).c_str(), pair.substr(split + 1).c_str());
    }
    connected.clear();
}

std::vector<std::string> LatencyProbe::ports(const std::string& pattern) const
{
    std::vector<std::string> names;
    if (const char** found = jack_get_ports(client, pattern.c_str(), nullptr, 0))
    {
        for (const char** p = found; *p != nullptr; ++p)
            names.emplace_back(*p);
        jack_free(found);
    }
    return names;
}

ClickRun LatencyProbe::measure(int count, double spacingSeconds, double timeoutSeconds,
                               unsigned seed)
{
    ClickRun run;
    run.sampleRate = rate;
    if (count <= 0)
        return run;
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> spacing(spacingSeconds, 1.5 * spacingSeconds);
    gapFrames.assign(static_cast<std::size_t>(count), 0);
    for (auto& gap : gapFrames) // random gaps: clicks land anywhere in the periods and frames
        gap = static_cast<std::int64_t>(spacing(random) * rate);
    results.assign(static_cast<std::size_t>(count), ClickTiming{});
    timeoutFrames = static_cast<std::int64_t>(timeoutSeconds * rate);
    clicksDone.store(0, std::memory_order_relaxed);
    clicksArmed.store(count, std::memory_order_release);

    // Each click takes at most a gap and a timeout; allow for a JACK server that drops cycles.
    const double limit = count * (1.5 * spacingSeconds + timeoutSeconds) * 2.0 + 5.0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
    while (clicksDone.load(std::memory_order_acquire) < count)
    {
        if (serverGone.load() || benchStopRequested() ||
            std::chrono::steady_clock::now() > deadline)
        {
            run.aborted = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    clicksArmed.store(0, std::memory_order_release);
    // The audio thread sees the disarm within a period; wait two before reading its records.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const int done = clicksDone.load(std::memory_order_acquire);
    run.clicks.assign(results.begin(), results.begin() + done);
    return run;
}

int LatencyProbe::processThunk(jack_nframes_t frames, void* self) noexcept
{
    return static_cast<LatencyProbe*>(self)->process(frames);
}

void LatencyProbe::shutdownThunk(void* self) noexcept
{
    static_cast<LatencyProbe*>(self)->serverGone.store(true);
}

int LatencyProbe::process(jack_nframes_t frames) noexcept
{
    auto* out = static_cast<float*>(jack_port_get_buffer(output, frames));
    const auto* in = static_cast<const float*>(jack_port_get_buffer(input, frames));
    for (jack_nframes_t n = 0; n < frames; ++n)
        out[n] = 0.0f;
    const int armed = clicksArmed.load(std::memory_order_acquire);
    if (armed == 0)
    {
        started = false;
        return 0;
    }
    const auto first = static_cast<std::int64_t>(jack_last_frame_time(client));
    if (!started) // a new run: the first click after its gap, counted from now
    {
        started = true;
        index = 0;
        sending = -1;
        burstAt = -1;
        nextSend = first + gapFrames[0];
    }
    for (jack_nframes_t n = 0; n < frames && index < armed; ++n)
    {
        const std::int64_t frame = first + static_cast<std::int64_t>(n);
        if (sending < 0 && frame >= nextSend)
            sending = burstAt = frame;
        // The burst plays out whole even when a direct patch hears its start within it.
        if (burstAt >= 0 && frame - burstAt < burstFrames)
            out[n] = burst[static_cast<std::size_t>(frame - burstAt)];
        if (sending < 0)
            continue;
        const std::int64_t k = frame - sending;
        const bool heard = std::fabs(in[n]) > threshold;
        if (heard || k > timeoutFrames)
        {
            results[static_cast<std::size_t>(index)] = {sending, heard ? frame : -1};
            ++index;
            clicksDone.store(index, std::memory_order_release);
            // Let the click's tail (codec ringing, concealment) die before the next one.
            if (index < armed)
                nextSend = frame + burstFrames * 4 + gapFrames[static_cast<std::size_t>(index)];
            sending = -1;
        }
    }
    return 0;
}

} // namespace dragoman::cli
