#include "receive/VarispeedResampler.h"

#include <samplerate.h>

#include <stdexcept>
#include <string>

// src_process() and src_reset() work in the converter's own buffers, allocated by src_new(): no
// allocation, lock or system call (Tests/receive/realtime counts them). Declaring that lets
// clang's -Wfunction-effects check everything else on the audio path.
extern "C"
{
    int src_process(SRC_STATE* state, SRC_DATA* data) DRAGOMAN_NONBLOCKING;
    int src_reset(SRC_STATE* state) DRAGOMAN_NONBLOCKING;
}

namespace dragoman
{

struct VarispeedResampler::State
{
    SRC_STATE* converter = nullptr;
};

VarispeedResampler::VarispeedResampler() : state(std::make_unique<State>())
{
    int error = 0;
    state->converter = src_new(SRC_SINC_FASTEST, 1, &error);
    if (state->converter == nullptr)
        throw std::runtime_error(std::string("libsamplerate: ") + src_strerror(error));
}

VarispeedResampler::~VarispeedResampler()
{
    if (state && state->converter != nullptr)
        src_delete(state->converter);
}

VarispeedResampler::Processed
VarispeedResampler::process(const float* input, int inputFrames, float* output, int outputFrames,
                            double speedPpm) noexcept DRAGOMAN_NONBLOCKING
{
    SRC_DATA data{};
    data.data_in = input;
    data.data_out = output;
    data.input_frames = inputFrames;
    data.output_frames = outputFrames;
    data.src_ratio = 1.0 / (1.0 + speedPpm * 1e-6); // output per input
    data.end_of_input = 0;
    if (src_process(state->converter, &data) != 0)
        return {};
    return {static_cast<int>(data.input_frames_used), static_cast<int>(data.output_frames_gen)};
}

void VarispeedResampler::reset() noexcept DRAGOMAN_NONBLOCKING
{
    src_reset(state->converter);
}

} // namespace dragoman
