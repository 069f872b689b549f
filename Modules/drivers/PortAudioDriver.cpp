#include "PortAudioDriver.h"

#include <portaudio.h>

#if __has_include(<pa_jack.h>)
#include <pa_jack.h>
#define DRAGOMAN_HAVE_PA_JACK 1
#endif
#if __has_include(<alsa/asoundlib.h>)
#include <alsa/asoundlib.h>
#define DRAGOMAN_HAVE_ALSA 1
#endif

#include <algorithm>
#include <cctype>
#include <chrono>
#include <sstream>

namespace dragoman
{

namespace
{

std::string errorText(PaError error)
{
    std::string text = Pa_GetErrorText(error);
    if (error == paUnanticipatedHostError)
        if (const auto* host = Pa_GetLastHostErrorInfo();
            host != nullptr && host->errorText != nullptr)
            text += std::string(" (") + host->errorText + ")";
    return text;
}

// "Core Audio", "coreaudio" and "CORE-AUDIO" name the same thing to a technician.
std::string folded(std::string_view text)
{
    std::string out;
    for (const char c : text)
        if (std::isalnum(static_cast<unsigned char>(c)) != 0)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The whole name, or one of its words: "JACK" finds "JACK Audio Connection Kit", "WASAPI" finds
// "Windows WASAPI".
bool namesHostApi(std::string_view wanted, std::string_view name)
{
    const auto key = folded(wanted);
    if (key.empty())
        return false;
    if (key == folded(name))
        return true;
    std::istringstream words{std::string(name)};
    std::string word;
    while (words >> word)
        if (folded(word) == key)
            return true;
    return false;
}

std::string hostApiList()
{
    std::string list;
    for (PaHostApiIndex i = 0; i < Pa_GetHostApiCount(); ++i)
    {
        const auto* info = Pa_GetHostApiInfo(i);
        list += (list.empty() ? "" : ", ") + std::string(info->name) + " (" +
                std::to_string(info->deviceCount) +
                (info->deviceCount == 1 ? " device)" : " devices)");
    }
    return list.empty() ? "none" : list;
}

std::string deviceLine(PaDeviceIndex device)
{
    const auto* info = Pa_GetDeviceInfo(device);
    std::ostringstream line;
    line << "'" << info->name << "': " << info->maxInputChannels << " in, "
         << info->maxOutputChannels << " out, " << info->defaultSampleRate << " Hz";
    return line.str();
}

std::string deviceList(PaHostApiIndex api)
{
    const auto* info = Pa_GetHostApiInfo(api);
    std::string list;
    for (int d = 0; d < info->deviceCount; ++d)
        list += "\n  " + deviceLine(Pa_HostApiDeviceIndexToDeviceIndex(api, d));
    return list.empty() ? " (none)" : list;
}

Result<PaHostApiIndex> findHostApi(const std::string& wanted)
{
    std::vector<PaHostApiIndex> matches;
    for (PaHostApiIndex i = 0; i < Pa_GetHostApiCount(); ++i)
        if (namesHostApi(wanted, Pa_GetHostApiInfo(i)->name))
            matches.push_back(i);
    if (matches.size() == 1)
        return matches.front();
    std::string message = "audio.host_api '" + wanted + "': " +
                          (matches.empty() ? "no such host API" : "names more than one host API") +
                          "; available: " + hostApiList();
    if (matches.empty() && folded(wanted) == "jack")
        message += ". PortAudio lists JACK only when a JACK server is running before dragoman "
                   "starts (a named server: JACK_DEFAULT_SERVER=NAME)";
    return Error{message};
}

// The named device of the host API (exact name, else a unique part of it), or its default.
Result<PaDeviceIndex> findDevice(PaHostApiIndex api, const std::string& wanted, bool input)
{
    const auto* info = Pa_GetHostApiInfo(api);
    if (wanted.empty())
    {
        const PaDeviceIndex device = input ? info->defaultInputDevice : info->defaultOutputDevice;
        if (device == paNoDevice)
            return Error{std::string(info->name) + " has no default " +
                         (input ? "input" : "output") + " device; devices:" + deviceList(api)};
        return device;
    }
    std::vector<PaDeviceIndex> exact;
    std::vector<PaDeviceIndex> partial;
    for (int d = 0; d < info->deviceCount; ++d)
    {
        const PaDeviceIndex device = Pa_HostApiDeviceIndexToDeviceIndex(api, d);
        const std::string name = Pa_GetDeviceInfo(device)->name;
        if (folded(name) == folded(wanted))
            exact.push_back(device);
        else if (folded(name).find(folded(wanted)) != std::string::npos)
            partial.push_back(device);
    }
    if (exact.size() == 1)
        return exact.front();
    if (exact.empty() && partial.size() == 1)
        return partial.front();
    return Error{
        "audio.device '" + wanted + "': " +
        (exact.size() + partial.size() == 0 ? "no such device" : "names more than one device") +
        " of " + info->name + "; devices:" + deviceList(api)};
}

Result<PortAudioDriver::Routing> route(const Floorplan& plan, const AudioMap& audio,
                                       const LoopedInputs& files, std::string& widestInput,
                                       std::string& widestOutput)
{
    PortAudioDriver::Routing routes;
    routes.seatMics.assign(plan.seatCount(), -1);
    routes.channelOuts.assign(plan.channelCount() + 1, -1);
    routes.seatOuts.assign(plan.seatCount(), -1);

    for (const auto& port : audio.inputs)
    {
        int* slot = nullptr;
        bool fromFile = false;
        if (port.endpoint == "floor")
        {
            slot = &routes.floor;
            fromFile = files.feedsFloor();
        }
        else if (const auto seat = plan.seatIndex(port.endpoint))
        {
            slot = &routes.seatMics[*seat];
            fromFile = files.feedsSeat(*seat);
        }
        else
            return Error{"audio.inputs: '" + port.endpoint + "' is neither the floor nor a seat"};
        if (port.deviceChannel < 1)
            return Error{"audio.inputs." + port.endpoint + ": device channels count from 1"};
        // A file replaces the microphone: the device need not have that channel at all.
        if (fromFile)
            continue;
        *slot = port.deviceChannel - 1;
        if (port.deviceChannel > routes.inputChannels)
        {
            routes.inputChannels = port.deviceChannel;
            widestInput = port.endpoint;
        }
    }

    for (const auto& port : audio.outputs)
    {
        int* slot = nullptr;
        constexpr std::string_view prefix = "channel:";
        if (port.endpoint.starts_with(prefix))
        {
            const auto id = std::string_view(port.endpoint).substr(prefix.size());
            if (id == "floor")
                slot = &routes.channelOuts[0];
            else if (const auto channel = plan.channelIndex(id))
                slot = &routes.channelOuts[*channel + 1];
        }
        else if (port.endpoint == kMonitorEndpoint)
            slot = &routes.monitorOut;
        else if (const auto seat = plan.seatIndex(port.endpoint))
            slot = &routes.seatOuts[*seat];
        if (slot == nullptr)
            return Error{"audio.outputs: '" + port.endpoint +
                         "' is neither a seat, channel:<id> nor monitor"};
        if (port.deviceChannel < 1)
            return Error{"audio.outputs." + port.endpoint + ": device channels count from 1"};
        *slot = port.deviceChannel - 1;
        if (port.deviceChannel > routes.outputChannels)
        {
            routes.outputChannels = port.deviceChannel;
            widestOutput = port.endpoint;
        }
    }

    std::vector<bool> written(routes.outputChannels, false);
    for (const auto* list : {&routes.channelOuts, &routes.seatOuts})
        for (const int channel : *list)
            if (channel >= 0)
                written[channel] = true;
    if (routes.monitorOut >= 0)
        written[routes.monitorOut] = true;
    for (int c = 0; c < routes.outputChannels; ++c)
        if (!written[c])
            routes.unusedOuts.push_back(c);
    return routes;
}

std::optional<Error> checkChannels(PaDeviceIndex device, int needed, bool input,
                                   const std::string& endpoint)
{
    const auto* info = Pa_GetDeviceInfo(device);
    const int has = input ? info->maxInputChannels : info->maxOutputChannels;
    if (needed <= has)
        return std::nullopt;
    const std::string direction = input ? "input" : "output";
    return Error{"device '" + std::string(info->name) + "' has " + std::to_string(has) + " " +
                 direction + " channels, but audio." + direction + "s maps '" + endpoint +
                 "' to channel " + std::to_string(needed)};
}

#ifdef DRAGOMAN_HAVE_ALSA
// ALSA prints a dozen "cannot find card" lines while PortAudio probes a machine without sound
// cards; a technician who asked for JACK should not have to read them.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}
#endif

} // namespace

// Pa_Initialize / Pa_Terminate, so that every exit path releases PortAudio exactly once.
class PortAudioDriver::Library
{
public:
    explicit Library(const std::string& wantedHostApi)
    {
#ifdef DRAGOMAN_HAVE_PA_JACK
        // PortAudio keeps the pointer: a string literal outlives the library.
        PaJack_SetClientName(jackClientName);
#endif
#ifdef DRAGOMAN_HAVE_ALSA
        const bool quiet = folded(wantedHostApi) != "alsa";
        if (quiet)
            snd_lib_error_set_handler(&quietAlsa);
#else
        (void)wantedHostApi;
#endif
        status = Pa_Initialize();
#ifdef DRAGOMAN_HAVE_ALSA
        if (quiet)
            snd_lib_error_set_handler(nullptr);
#endif
    }
    ~Library()
    {
        if (status == paNoError)
            Pa_Terminate();
    }
    // After a lost device: leave PortAudio as it is rather than risk hanging in Pa_Terminate.
    void abandon() noexcept
    {
        status = paNotInitialized;
    }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

    std::optional<Error> error() const
    {
        if (status == paNoError)
            return std::nullopt;
        return Error{"PortAudio: " + errorText(status)};
    }

private:
    PaError status = paNotInitialized;
};

struct StreamCallback
{
    static int call(const void* input, void* output, unsigned long frames,
                    const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags flags,
                    void* self) noexcept DRAGOMAN_NONBLOCKING
    {
        constexpr PaStreamCallbackFlags xrunFlags =
            paInputUnderflow | paInputOverflow | paOutputUnderflow | paOutputOverflow;
        static_cast<PortAudioDriver*>(self)->render(
            static_cast<const float* const*>(input), static_cast<float* const*>(output),
            static_cast<int>(frames), (flags & xrunFlags) != 0);
        return paContinue;
    }
};

Result<std::string> PortAudioDriver::listDevices()
{
    Library library("");
    if (auto error = library.error())
        return *error;
    std::string text;
    for (PaHostApiIndex i = 0; i < Pa_GetHostApiCount(); ++i)
        text += std::string(Pa_GetHostApiInfo(i)->name) + ":" + deviceList(i) + "\n";
    return text.empty() ? std::string("no host APIs\n") : text;
}

Result<std::unique_ptr<PortAudioDriver>>
PortAudioDriver::open(Engine& engine, const AudioMap& audio, LoopedInputs files)
{
    const auto& plan = engine.floorplan();
    const auto& session = plan.session();
    auto library = std::make_unique<Library>(audio.hostApi);
    if (auto error = library->error())
        return *error;

    auto api = findHostApi(audio.hostApi);
    if (!api)
        return Error{api.error()};
    std::string widestInput;
    std::string widestOutput;
    auto routes = route(plan, audio, files, widestInput, widestOutput);
    if (!routes)
        return Error{routes.error()};
    if (routes->inputChannels == 0 && routes->outputChannels == 0)
        return Error{
            "audio.inputs and audio.outputs map no device channel: nothing to play or record"};

    PaStreamParameters in{};
    PaStreamParameters out{};
    const auto describeDevice = [](PaDeviceIndex device)
    {
        return std::string(Pa_GetDeviceInfo(device)->name);
    };
    StreamDescription description;
    description.hostApi = Pa_GetHostApiInfo(*api)->name;
    for (const bool input : {true, false})
    {
        const int needed = input ? routes->inputChannels : routes->outputChannels;
        if (needed == 0)
            continue;
        auto device = findDevice(*api, audio.device, input);
        if (!device)
            return Error{device.error()};
        if (auto error = checkChannels(*device, needed, input, input ? widestInput : widestOutput))
            return *error;
        const auto* info = Pa_GetDeviceInfo(*device);
        auto& parameters = input ? in : out;
        parameters.device = *device;
        parameters.channelCount = needed;
        parameters.sampleFormat = paFloat32 | paNonInterleaved;
        parameters.suggestedLatency =
            input ? info->defaultLowInputLatency : info->defaultLowOutputLatency;
        (input ? description.inputDevice : description.outputDevice) = describeDevice(*device);
    }
    const auto* inParameters = routes->inputChannels > 0 ? &in : nullptr;
    const auto* outParameters = routes->outputChannels > 0 ? &out : nullptr;
    const double rate = session.sampleRate;

    if (const PaError supported = Pa_IsFormatSupported(inParameters, outParameters, rate);
        supported != paFormatIsSupported)
    {
        if (supported == paInvalidSampleRate)
        {
            const auto device = outParameters != nullptr ? out.device : in.device;
            return Error{
                "device '" + describeDevice(device) + "' of " + description.hostApi +
                " does not run at " + std::to_string(session.sampleRate) + " Hz (its rate: " +
                std::to_string(static_cast<int>(Pa_GetDeviceInfo(device)->defaultSampleRate)) +
                " Hz); the session's sample_rate must match the device (or the JACK server)"};
        }
        return Error{"PortAudio refuses the stream format: " + errorText(supported)};
    }

    std::unique_ptr<PortAudioDriver> driver(
        new PortAudioDriver(engine, std::move(routes.value()), std::move(files)));
    PaStream* stream = nullptr;
    const PaError opened = Pa_OpenStream(&stream, inParameters, outParameters, rate,
                                         static_cast<unsigned long>(session.blockFrames), paNoFlag,
                                         &StreamCallback::call, driver.get());
    if (opened != paNoError)
        return Error{"cannot open the " + description.hostApi + " stream: " + errorText(opened)};
    driver->handle = stream;
    // The destructor closes the stream before its members, the library among them, go.
    driver->library = std::move(library);

    description.inputChannels = driver->routes.inputChannels;
    description.outputChannels = driver->routes.outputChannels;
    description.blockFrames = session.blockFrames;
    description.sampleRate = rate;
    if (const auto* info = Pa_GetStreamInfo(stream))
    {
        description.sampleRate = info->sampleRate;
        description.inputLatencySeconds = info->inputLatency;
        description.outputLatencySeconds = info->outputLatency;
    }
    driver->stream = std::move(description);
    return driver;
}

PortAudioDriver::PortAudioDriver(Engine& drivenEngine, Routing routing, LoopedInputs fileInputs)
    : engine(drivenEngine), routes(std::move(routing)), files(std::move(fileInputs)),
      micPointers(engine.floorplan().seatCount(), nullptr),
      channelPointers(engine.floorplan().channelCount() + 1, nullptr),
      seatPointers(engine.floorplan().seatCount(), nullptr)
{
}

PortAudioDriver::~PortAudioDriver()
{
    if (handle == nullptr)
        return;
    stop();
    if (lost)
    {
        // Closing the stream or terminating PortAudio talks to a server that is gone and can
        // block as long as Pa_StopStream would; the process is about to end anyway.
        library->abandon();
        return;
    }
    Pa_CloseStream(static_cast<PaStream*>(handle));
}

std::optional<Error> PortAudioDriver::start()
{
    const PaError error = Pa_StartStream(static_cast<PaStream*>(handle));
    if (error != paNoError)
        return Error{"cannot start the " + stream.hostApi + " stream: " + errorText(error)};
    return std::nullopt;
}

std::optional<Error> PortAudioDriver::stop()
{
    auto* paStream = static_cast<PaStream*>(handle);
    if (paStream == nullptr || lost || Pa_IsStreamStopped(paStream) == 1)
        return std::nullopt;
    // Started, never asked to stop, yet inactive: the device or JACK server went away (our
    // callback always continues). PortAudio's JACK host API then waits ten minutes in
    // Pa_StopStream for a process callback that will never come, so the stream is left as it is.
    if (Pa_IsStreamActive(paStream) == 0)
    {
        lost = true;
        return std::nullopt;
    }
    const PaError error = Pa_StopStream(paStream);
    if (error != paNoError)
        return Error{"cannot stop the " + stream.hostApi + " stream: " + errorText(error)};
    return std::nullopt;
}

std::optional<Error> PortAudioDriver::attachTap(ChannelTap& channelTap)
{
    if (channelTap.channelCount() != channelPointers.size())
        return Error{"the stream tap has " + std::to_string(channelTap.channelCount()) +
                     " channels, the engine " + std::to_string(channelPointers.size())};
    if (channelTap.maxBlock() < files.maxBlock())
        return Error{"the stream tap's blocks are shorter than the engine's"};
    tap = &channelTap;
    return std::nullopt;
}

std::optional<Error> PortAudioDriver::attachRemoteSeats(RemoteSeatLink& link)
{
    if (link.seatCount() != seatPointers.size())
        return Error{"the remote seat link has " + std::to_string(link.seatCount()) +
                     " seats, the engine " + std::to_string(seatPointers.size())};
    if (link.maxBlock() < files.maxBlock())
        return Error{"the remote seat link's blocks are shorter than the engine's"};
    remoteSeats = &link;
    return std::nullopt;
}

bool PortAudioDriver::active() const
{
    return Pa_IsStreamActive(static_cast<PaStream*>(handle)) == 1;
}

double PortAudioDriver::cpuLoad() const
{
    return Pa_GetStreamCpuLoad(static_cast<PaStream*>(handle));
}

void PortAudioDriver::render(const float* const* in, float* const* out, int frames,
                             bool xrun) noexcept
{
    // PortAudio delivers block_frames per callback, as asked; longer callbacks are split so that
    // the file blocks never overflow.
    const int chunk = std::max(files.maxBlock(), 1);
    for (int offset = 0; offset < frames; offset += chunk)
    {
        const int n = std::min(chunk, frames - offset);
        const auto input = [&](int channel) -> const float*
        {
            return in != nullptr && channel >= 0 ? in[channel] + offset : nullptr;
        };
        const auto output = [&](int channel) -> float*
        {
            return out != nullptr && channel >= 0 ? out[channel] + offset : nullptr;
        };

        BlockIo io;
        io.floor = input(routes.floor);
        for (std::size_t s = 0; s < micPointers.size(); ++s)
            micPointers[s] = input(routes.seatMics[s]);
        if (remoteSeats != nullptr)
        {
            // The same clock the network thread stamps arrivals with (a vDSO read, no syscall).
            remoteSeats->receive(n, std::chrono::duration_cast<Nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch()));
            for (std::size_t s = 0; s < micPointers.size(); ++s)
                if (const float* mic = remoteSeats->microphone(s))
                    micPointers[s] = mic;
        }
        for (auto& feed : files.read(n))
        {
            if (feed.seat == kFloor)
                io.floor = feed.block.data();
            else
                micPointers[static_cast<std::size_t>(feed.seat)] = feed.block.data();
        }
        for (std::size_t c = 0; c < channelPointers.size(); ++c)
        {
            channelPointers[c] = output(routes.channelOuts[c]);
            if (channelPointers[c] == nullptr && tap != nullptr)
                channelPointers[c] = tap->scratch(c);
        }
        for (std::size_t s = 0; s < seatPointers.size(); ++s)
        {
            seatPointers[s] = output(routes.seatOuts[s]);
            if (seatPointers[s] == nullptr && remoteSeats != nullptr)
                seatPointers[s] = remoteSeats->headphones(s);
        }
        io.seatMics = micPointers.data();
        io.channelOuts = channelPointers.data();
        io.seatOuts = seatPointers.data();
        io.monitorOut = output(routes.monitorOut);
        io.frames = n;
        engine.process(io);
        if (tap != nullptr)
            tap->write(channelPointers.data(), n);
        if (remoteSeats != nullptr)
            remoteSeats->send(seatPointers.data(), n);
    }
    // PortAudio hands over whatever the buffers held last time: unused outputs must be silenced.
    if (out != nullptr)
        for (const int channel : routes.unusedOuts)
            std::fill(out[channel], out[channel] + frames, 0.0f);

    callbackCount.fetch_add(1, std::memory_order_relaxed);
    frameCount.fetch_add(static_cast<std::uint64_t>(frames), std::memory_order_relaxed);
    if (xrun)
        xrunCount.fetch_add(1, std::memory_order_relaxed);
}

} // namespace dragoman
