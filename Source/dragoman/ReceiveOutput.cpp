#include "ReceiveOutput.h"

#include "drivers/WavFile.h"

#include <portaudio.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace dragoman::cli
{

namespace
{

Nanoseconds steadyNow() noexcept
{
    return std::chrono::duration_cast<Nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

// Pulls a block every 5 ms of steady_clock time and writes it: the file is what a listener
// would have heard, network timing included.
class WavOutput final : public ReceiveOutput
{
public:
    WavOutput(ChannelPlayer& source, WavWriter file)
        : player(source), writer(std::move(file)), block(receiveBlockFrames)
    {
    }
    ~WavOutput() override { stop(); }

    std::optional<Error> start() override
    {
        running = true;
        thread = std::thread([this] { run(); });
        return std::nullopt;
    }
    void stop() override
    {
        running = false;
        if (thread.joinable())
            thread.join();
        writer.close();
    }
    double outputLatencySeconds() const override { return 0.0; }
    std::string description() const override { return "WAV file (real time, 5 ms blocks)"; }
    bool healthy() const override { return writer.ok(); }

private:
    void run()
    {
        const auto period = std::chrono::microseconds(1'000'000LL * receiveBlockFrames / 48000);
        auto due = std::chrono::steady_clock::now();
        while (running.load(std::memory_order_relaxed))
        {
            std::this_thread::sleep_until(due);
            player.render(block.data(), receiveBlockFrames, steadyNow());
            writer.write(block.data(), receiveBlockFrames);
            due += period;
        }
    }

    ChannelPlayer& player;
    WavWriter writer;
    std::vector<float> block;
    std::atomic<bool> running{false};
    std::thread thread;
};

class DeviceOutput final : public ReceiveOutput
{
public:
    explicit DeviceOutput(ChannelPlayer& source) : player(source) {}
    ~DeviceOutput() override
    {
        stop();
        if (stream != nullptr)
            Pa_CloseStream(stream);
        if (initialised)
            Pa_Terminate();
    }

    std::optional<Error> open(const std::string& hostApi, const std::string& device)
    {
        if (const PaError e = Pa_Initialize(); e != paNoError)
            return Error{std::string("PortAudio: ") + Pa_GetErrorText(e)};
        initialised = true;
        PaDeviceIndex chosen = paNoDevice;
        for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); ++i)
        {
            const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
            const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
            if (info->maxOutputChannels < 1)
                continue;
            if (!hostApi.empty() && std::string(api->name).find(hostApi) == std::string::npos)
                continue;
            if (!device.empty() && std::string(info->name).find(device) == std::string::npos)
                continue;
            if (hostApi.empty() && device.empty())
            {
                chosen = Pa_GetDefaultOutputDevice();
                break;
            }
            chosen = i;
            break;
        }
        if (chosen == paNoDevice)
            return Error{"no output device matches host API '" + hostApi + "', device '" + device +
                         "' (dragoman engine --list-devices lists them)"};
        const PaDeviceInfo* info = Pa_GetDeviceInfo(chosen);
        name = std::string(Pa_GetHostApiInfo(info->hostApi)->name) + " '" + info->name + "'";
        PaStreamParameters out{};
        out.device = chosen;
        out.channelCount = 1;
        out.sampleFormat = paFloat32;
        out.suggestedLatency = info->defaultLowOutputLatency;
        const PaError e =
            Pa_OpenStream(&stream, nullptr, &out, 48000.0, paFramesPerBufferUnspecified, paNoFlag,
                          &DeviceOutput::callback, this);
        if (e != paNoError)
            return Error{name + ": " + Pa_GetErrorText(e)};
        return std::nullopt;
    }

    std::optional<Error> start() override
    {
        if (const PaError e = Pa_StartStream(stream); e != paNoError)
            return Error{name + ": " + Pa_GetErrorText(e)};
        started = true;
        return std::nullopt;
    }
    void stop() override
    {
        if (started)
            Pa_StopStream(stream);
        started = false;
    }
    double outputLatencySeconds() const override
    {
        const PaStreamInfo* info = stream != nullptr ? Pa_GetStreamInfo(stream) : nullptr;
        return info != nullptr ? info->outputLatency : 0.0;
    }
    std::string description() const override { return name; }
    bool healthy() const override { return !started || Pa_IsStreamActive(stream) == 1; }

private:
    static int callback(const void*, void* output, unsigned long frames,
                        const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags, void* self) noexcept
    {
        auto& me = *static_cast<DeviceOutput*>(self);
        auto* out = static_cast<float*>(output);
        const Nanoseconds now = steadyNow();
        // PortAudio may ask for more than a block at once: render in pieces the player takes.
        unsigned long done = 0;
        while (done < frames)
        {
            const auto n = std::min<unsigned long>(frames - done, receiveMaxBlockFrames);
            me.player.render(out + done, static_cast<int>(n), now);
            done += n;
        }
        return paContinue;
    }

    ChannelPlayer& player;
    PaStream* stream = nullptr;
    bool initialised = false;
    bool started = false;
    std::string name;
};

} // namespace

Result<std::unique_ptr<ReceiveOutput>> openWavOutput(ChannelPlayer& player, const std::string& file)
{
    auto writer = WavWriter::create(file, 48000);
    if (!writer)
        return Error{writer.error()};
    return std::unique_ptr<ReceiveOutput>(
        std::make_unique<WavOutput>(player, std::move(writer.value())));
}

Result<std::unique_ptr<ReceiveOutput>>
openDeviceOutput(ChannelPlayer& player, const std::string& hostApi, const std::string& device)
{
    auto output = std::make_unique<DeviceOutput>(player);
    if (auto error = output->open(hostApi, device))
        return *error;
    return std::unique_ptr<ReceiveOutput>(std::move(output));
}

} // namespace dragoman::cli
