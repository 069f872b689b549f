#include "drivers/SeatIo.h"

#include "drivers/LoopedInputs.h"
#include "drivers/WavFile.h"

#include <portaudio.h>
#if __has_include(<pa_jack.h>)
#include <pa_jack.h>
#define DRAGOMAN_HAVE_PA_JACK 1
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
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
        running = true;
        thread = std::thread([this] { run(); });
        return std::nullopt;
    }
    void stop() override
    {
        running = false;
        if (thread.joinable())
            thread.join();
        if (writer)
            writer->close();
    }
    std::string description() const override { return "files (real time, 64-frame blocks)"; }
    bool healthy() const override { return !writer || writer->ok(); }

private:
    void run()
    {
        const auto period = std::chrono::nanoseconds(1'000'000'000LL * kFileBlock / 48000);
        auto due = std::chrono::steady_clock::now();
        while (running.load(std::memory_order_relaxed))
        {
            std::this_thread::sleep_until(due);
            if (input)
                input->read(micBlock.data(), kFileBlock);
            seat.process(input ? micBlock.data() : nullptr, earsBlock.data(), kFileBlock,
                         steadyNow());
            if (writer)
                writer->write(earsBlock.data(), kFileBlock);
            due += period;
        }
    }

    RemoteSeatAudio& seat;
    std::optional<LoopedInput> input;
    std::optional<WavWriter> writer;
    std::vector<float> micBlock;
    std::vector<float> earsBlock;
    std::atomic<bool> running{false};
    std::thread thread;
};

class SeatDevice final : public SeatIo
{
public:
    explicit SeatDevice(RemoteSeatAudio& audio) : seat(audio) {}
    ~SeatDevice() override
    {
        stop();
        if (stream != nullptr)
            Pa_CloseStream(stream);
        if (initialised)
            Pa_Terminate();
    }

    std::optional<Error> open(const std::string& hostApi, const std::string& device,
                              const char* jackClient)
    {
#ifdef DRAGOMAN_HAVE_PA_JACK
        PaJack_SetClientName(jackClient); // PortAudio keeps the pointer: a literal
#endif
        if (const PaError e = Pa_Initialize(); e != paNoError)
            return Error{std::string("PortAudio: ") + Pa_GetErrorText(e)};
        initialised = true;
        const PaDeviceIndex in = find(hostApi, device, true);
        const PaDeviceIndex out = find(hostApi, device, false);
        if (in == paNoDevice || out == paNoDevice)
            return Error{"no duplex device matches host API '" + hostApi + "', device '" + device +
                         "' (dragoman engine --list-devices lists them)"};
        const PaDeviceInfo* inInfo = Pa_GetDeviceInfo(in);
        const PaDeviceInfo* outInfo = Pa_GetDeviceInfo(out);
        name = std::string(Pa_GetHostApiInfo(outInfo->hostApi)->name) + " '" + inInfo->name +
               "' -> '" + outInfo->name + "'";
        PaStreamParameters inParameters{in, 1, paFloat32, inInfo->defaultLowInputLatency, nullptr};
        PaStreamParameters outParameters{out, 1, paFloat32, outInfo->defaultLowOutputLatency,
                                         nullptr};
        const PaError e =
            Pa_OpenStream(&stream, &inParameters, &outParameters, 48000.0,
                          paFramesPerBufferUnspecified, paNoFlag, &SeatDevice::callback, this);
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
        if (started && Pa_IsStreamActive(stream) == 1)
            Pa_StopStream(stream);
        started = false;
    }
    std::string description() const override
    {
        return name;
    }
    bool healthy() const override
    {
        return !started || Pa_IsStreamActive(stream) == 1;
    }

private:
    static PaDeviceIndex find(const std::string& hostApi, const std::string& device, bool input)
    {
        if (hostApi.empty() && device.empty())
            return input ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
        for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); ++i)
        {
            const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
            if ((input ? info->maxInputChannels : info->maxOutputChannels) < 1)
                continue;
            const std::string api = Pa_GetHostApiInfo(info->hostApi)->name;
            if (!hostApi.empty() && api.find(hostApi) == std::string::npos)
                continue;
            if (!device.empty() && std::string(info->name).find(device) == std::string::npos)
                continue;
            return i;
        }
        return paNoDevice;
    }

    static int callback(const void* input, void* output, unsigned long frames,
                        const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags,
                        void* self) noexcept DRAGOMAN_NONBLOCKING
    {
        auto& me = *static_cast<SeatDevice*>(self);
        const auto* in = static_cast<const float*>(input);
        auto* out = static_cast<float*>(output);
        const Nanoseconds now = steadyNow();
        // PortAudio may hand over more than a block at once: process in pieces.
        unsigned long done = 0;
        while (done < frames)
        {
            const auto n = std::min<unsigned long>(frames - done, seatMaxBlockFrames);
            me.seat.process(in != nullptr ? in + done : nullptr, out + done, static_cast<int>(n),
                            now);
            done += n;
        }
        return paContinue;
    }

    RemoteSeatAudio& seat;
    PaStream* stream = nullptr;
    bool initialised = false;
    bool started = false;
    std::string name;
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
