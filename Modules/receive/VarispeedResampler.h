#pragma once
// Plays decoded audio slightly faster or slower than 48 kHz: the drift corrector's hands.
// libsamplerate's SRC_SINC_FASTEST (about 97 dB SNR, flat to 19 kHz at 48 kHz, ~20 samples of
// look-ahead) is built for a ratio that changes between calls and glides to each new ratio
// within a call, so speed changes neither click nor need a filter redesign. speexdsp's
// resampler recomputes its filter table on every change and switches filter length when the
// ratio crosses 1, which a drift corrector does all the time.
//
// It takes input eagerly into its own buffer, and asks for more only when it holds less than
// its look-ahead: process() with no input tells the caller whether it is time to decode the
// next frame.
//
// Threads: construction and destruction allocate (control thread, before audio). process() and
// reset() belong to one thread (the audio thread) and never allocate, lock or make system calls.

#include "core/Realtime.h"

#include <memory>

namespace dragoman
{

class VarispeedResampler
{
public:
    VarispeedResampler(); // throws std::runtime_error if libsamplerate cannot be set up
    ~VarispeedResampler();
    VarispeedResampler(const VarispeedResampler&) = delete;
    VarispeedResampler& operator=(const VarispeedResampler&) = delete;

    struct Processed
    {
        int consumed = 0;
        int produced = 0;
    };

    // Consumes input at (1 + speedPpm * 1e-6) times the output rate. `input` must not be null,
    // even when inputFrames is 0.
    Processed process(const float* input, int inputFrames, float* output, int outputFrames,
                      double speedPpm) noexcept DRAGOMAN_NONBLOCKING;

    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    struct State;
    std::unique_ptr<State> state;
};

} // namespace dragoman
