#include "drivers/PortAudioSession.h"

#if __has_include(<pa_jack.h>)
#include <pa_jack.h>
#define DRAGOMAN_HAVE_PA_JACK 1
#endif

namespace dragoman
{

PortAudioSession::~PortAudioSession()
{
    if (stream != nullptr)
        Pa_CloseStream(stream);
    if (initialised)
        Pa_Terminate();
}

std::optional<Error> PortAudioSession::initialise(const char* jackClient)
{
#ifdef DRAGOMAN_HAVE_PA_JACK
    if (jackClient != nullptr)
        PaJack_SetClientName(jackClient);
#else
    (void)jackClient;
#endif
    if (const PaError e = Pa_Initialize(); e != paNoError)
        return Error{std::string("PortAudio: ") + Pa_GetErrorText(e)};
    initialised = true;
    return std::nullopt;
}

PaDeviceIndex PortAudioSession::findDevice(const std::string& hostApi, const std::string& device,
                                           bool input)
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

std::optional<Error> PortAudioSession::openStream(std::string label,
                                                  const PaStreamParameters* input,
                                                  const PaStreamParameters* output,
                                                  PaStreamCallback* callback, void* userData)
{
    name = std::move(label);
    const PaError e = Pa_OpenStream(&stream, input, output, 48000.0, paFramesPerBufferUnspecified,
                                    paNoFlag, callback, userData);
    if (e != paNoError)
        return Error{name + ": " + Pa_GetErrorText(e)};
    return std::nullopt;
}

std::optional<Error> PortAudioSession::start()
{
    if (const PaError e = Pa_StartStream(stream); e != paNoError)
        return Error{name + ": " + Pa_GetErrorText(e)};
    started = true;
    return std::nullopt;
}

void PortAudioSession::stop()
{
    if (started && Pa_IsStreamActive(stream) == 1)
        Pa_StopStream(stream);
    started = false;
}

bool PortAudioSession::healthy() const
{
    return !started || Pa_IsStreamActive(stream) == 1;
}

double PortAudioSession::outputLatencySeconds() const
{
    const PaStreamInfo* info = stream != nullptr ? Pa_GetStreamInfo(stream) : nullptr;
    return info != nullptr ? info->outputLatency : 0.0;
}

} // namespace dragoman
