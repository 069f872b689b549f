#include "ReceiveOutput.h"

#include "drivers/PacedBlockThread.h"
#include "drivers/PortAudioSession.h"
#include "drivers/WavFile.h"

#include <chrono>
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
        pacer.start(receiveBlockFrames,
                    [this](Nanoseconds now)
                    {
                        player.render(block.data(), receiveBlockFrames, now);
                        writer.write(block.data(), receiveBlockFrames);
                    });
        return std::nullopt;
    }
    void stop() override
    {
        pacer.stop();
        writer.close();
    }
    double outputLatencySeconds() const override { return 0.0; }
    std::string description() const override { return "WAV file (real time, 5 ms blocks)"; }
    bool healthy() const override { return writer.ok(); }

private:
    ChannelPlayer& player;
    WavWriter writer;
    std::vector<float> block;
    PacedBlockThread pacer;
};

class DeviceOutput final : public ReceiveOutput
{
public:
    explicit DeviceOutput(ChannelPlayer& source) : player(source) {}
    ~DeviceOutput() override { stop(); }

    std::optional<Error> open(const std::string& hostApi, const std::string& device)
    {
        if (auto error = portAudio.initialise(nullptr))
            return error;
        const PaDeviceIndex chosen = PortAudioSession::findDevice(hostApi, device, false);
        if (chosen == paNoDevice)
            return Error{"no output device matches host API '" + hostApi + "', device '" + device +
                         "' (dragoman engine --list-devices lists them)"};
        const PaDeviceInfo* info = Pa_GetDeviceInfo(chosen);
        PaStreamParameters out{};
        out.device = chosen;
        out.channelCount = 1;
        out.sampleFormat = paFloat32;
        out.suggestedLatency = info->defaultLowOutputLatency;
        return portAudio.openStream(std::string(Pa_GetHostApiInfo(info->hostApi)->name) + " '" +
                                        info->name + "'",
                                    nullptr, &out, &DeviceOutput::callback, this);
    }

    std::optional<Error> start() override { return portAudio.start(); }
    void stop() override { portAudio.stop(); }
    double outputLatencySeconds() const override { return portAudio.outputLatencySeconds(); }
    std::string description() const override { return portAudio.label(); }
    bool healthy() const override { return portAudio.healthy(); }

private:
    static int callback(const void*, void* output, unsigned long frames,
                        const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags, void* self) noexcept
    {
        auto& me = *static_cast<DeviceOutput*>(self);
        auto* out = static_cast<float*>(output);
        const Nanoseconds now = steadyNow();
        inPieces(frames, receiveMaxBlockFrames,
                 [&](unsigned long offset, int n) { me.player.render(out + offset, n, now); });
        return paContinue;
    }

    ChannelPlayer& player;
    PortAudioSession portAudio;
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
