#include "drivers/SeatIo.h"

#include "drivers/LoopedInputs.h"
#include "drivers/PacedBlockThread.h"
#include "drivers/PortAudioSession.h"
#include "drivers/WavFile.h"

#include <chrono>
#include <optional>
#include <vector>

namespace dragoman
{

namespace
{

constexpr int kFileBlock = 64;

Nanoseconds steadyNow() noexcept
{
    return std::chrono::duration_cast<Nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

class SeatFiles final : public SeatIo
{
public:
    SeatFiles(RemoteSeatAudio& audio, std::optional<LoopedInput> mic, std::optional<WavWriter> ears)
        : seat(audio), input(std::move(mic)), writer(std::move(ears)), micBlock(kFileBlock),
          earsBlock(kFileBlock)
    {
    }
    ~SeatFiles() override { stop(); }

    std::optional<Error> start() override
    {
        pacer.start(kFileBlock, [this](Nanoseconds now) { block(now); });
        return std::nullopt;
    }
    void stop() override
    {
        pacer.stop();
        if (writer)
            writer->close();
    }
    std::string description() const override { return "files (real time, 64-frame blocks)"; }
    bool healthy() const override { return !writer || writer->ok(); }

private:
    void block(Nanoseconds now)
    {
        if (input)
            input->read(micBlock.data(), kFileBlock);
        seat.process(input ? micBlock.data() : nullptr, earsBlock.data(), kFileBlock, now);
        if (writer)
            writer->write(earsBlock.data(), kFileBlock);
    }

    RemoteSeatAudio& seat;
    std::optional<LoopedInput> input;
    std::optional<WavWriter> writer;
    std::vector<float> micBlock;
    std::vector<float> earsBlock;
    PacedBlockThread pacer;
};

class SeatDevice final : public SeatIo
{
public:
    explicit SeatDevice(RemoteSeatAudio& audio) : seat(audio) {}
    ~SeatDevice() override { stop(); }

    std::optional<Error> open(const std::string& hostApi, const std::string& device,
                              const char* jackClient)
    {
        if (auto error = portAudio.initialise(jackClient))
            return error;
        const PaDeviceIndex in = PortAudioSession::findDevice(hostApi, device, true);
        const PaDeviceIndex out = PortAudioSession::findDevice(hostApi, device, false);
        if (in == paNoDevice || out == paNoDevice)
            return Error{"no duplex device matches host API '" + hostApi + "', device '" + device +
                         "' (dragoman engine --list-devices lists them)"};
        const PaDeviceInfo* inInfo = Pa_GetDeviceInfo(in);
        const PaDeviceInfo* outInfo = Pa_GetDeviceInfo(out);
        PaStreamParameters inParameters{in, 1, paFloat32, inInfo->defaultLowInputLatency, nullptr};
        PaStreamParameters outParameters{out, 1, paFloat32, outInfo->defaultLowOutputLatency,
                                         nullptr};
        return portAudio.openStream(std::string(Pa_GetHostApiInfo(outInfo->hostApi)->name) + " '" +
                                        inInfo->name + "' -> '" + outInfo->name + "'",
                                    &inParameters, &outParameters, &SeatDevice::callback, this);
    }

    std::optional<Error> start() override { return portAudio.start(); }
    void stop() override { portAudio.stop(); }
    std::string description() const override { return portAudio.label(); }
    bool healthy() const override { return portAudio.healthy(); }

private:
    static int callback(const void* input, void* output, unsigned long frames,
                        const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags,
                        void* self) noexcept DRAGOMAN_NONBLOCKING
    {
        auto& me = *static_cast<SeatDevice*>(self);
        const auto* in = static_cast<const float*>(input);
        auto* out = static_cast<float*>(output);
        const Nanoseconds now = steadyNow();
        inPieces(frames, seatMaxBlockFrames,
                 [&](unsigned long offset, int n)
                 { me.seat.process(in != nullptr ? in + offset : nullptr, out + offset, n, now); });
        return paContinue;
    }

    RemoteSeatAudio& seat;
    PortAudioSession portAudio;
};

} // namespace

Result<std::unique_ptr<SeatIo>> openSeatFiles(RemoteSeatAudio& seat,
                                              const std::filesystem::path& micFile,
                                              const std::filesystem::path& earsFile)
{
    std::optional<LoopedInput> mic;
    if (!micFile.empty())
    {
        auto samples = readMonoFile(micFile, 48000);
        if (!samples)
            return Error{"--in: " + samples.error()};
        mic.emplace(std::move(samples.value()));
    }
    std::optional<WavWriter> ears;
    if (!earsFile.empty())
    {
        auto writer = WavWriter::create(earsFile, 48000);
        if (!writer)
            return Error{"--out: " + writer.error()};
        ears.emplace(std::move(writer.value()));
    }
    return std::unique_ptr<SeatIo>(
        std::make_unique<SeatFiles>(seat, std::move(mic), std::move(ears)));
}

Result<std::unique_ptr<SeatIo>> openSeatDevice(RemoteSeatAudio& seat, const std::string& hostApi,
                                               const std::string& device, const char* jackClient)
{
    auto io = std::make_unique<SeatDevice>(seat);
    if (auto error = io->open(hostApi, device, jackClient))
        return *error;
    return std::unique_ptr<SeatIo>(std::move(io));
}

} // namespace dragoman
