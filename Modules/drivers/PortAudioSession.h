#pragma once
// One PortAudio stream and the library reference it needs, for the small programs that play or
// record one mono stream (`dragoman receive`, `dragoman seat`, `dragoman-booth`): Pa_Initialize
// and Pa_Terminate are paired, and the stream is closed before PortAudio is released, on every
// exit path. The engine's multichannel driver is PortAudioDriver.
//
// Threads: everything here: the control thread. The stream callback given to openStream() runs
// on PortAudio's audio thread.

#include "core/Result.h"

#include <portaudio.h>

#include <algorithm>
#include <optional>
#include <string>

namespace dragoman
{

class PortAudioSession
{
public:
    PortAudioSession() = default;
    PortAudioSession(const PortAudioSession&) = delete;
    PortAudioSession& operator=(const PortAudioSession&) = delete;
    ~PortAudioSession(); // closes the stream, then releases PortAudio

    // `jackClient`: the JACK client's name, a string literal (PortAudio keeps the pointer);
    // nullptr: PortAudio's own name.
    std::optional<Error> initialise(const char* jackClient);

    // The first device with at least one input (`input`) or output channel whose host API and
    // device names contain the substrings; both empty: PortAudio's default device. paNoDevice
    // when none matches.
    static PaDeviceIndex findDevice(const std::string& hostApi, const std::string& device,
                                    bool input);

    // `label` names the stream in errors and is what label() returns afterwards.
    std::optional<Error> openStream(std::string label, const PaStreamParameters* input,
                                    const PaStreamParameters* output, PaStreamCallback* callback,
                                    void* userData);
    std::optional<Error> start();
    // Stops a started stream that is still running; one that stopped by itself is left to the
    // destructor's close.
    void stop();
    // False once a started stream stopped by itself (device lost, JACK server gone).
    bool healthy() const;
    double outputLatencySeconds() const;
    const std::string& label() const { return name; }

private:
    PaStream* stream = nullptr;
    bool initialised = false;
    bool started = false;
    std::string name;
};

// PortAudio may hand a callback more frames than the audio code takes at once: calls
// piece(offset, count) over [0, frames) in pieces of at most maxFrames. Real-time safe.
template <typename Piece> void inPieces(unsigned long frames, int maxFrames, Piece&& piece) noexcept
{
    unsigned long done = 0;
    while (done < frames)
    {
        const auto n =
            std::min<unsigned long>(frames - done, static_cast<unsigned long>(maxFrames));
        piece(done, static_cast<int>(n));
        done += n;
    }
}

} // namespace dragoman
