#include "dsp/GainRamp.h"

#include <algorithm>

namespace dragoman
{

void GainRamp::reset(float newGain) noexcept DRAGOMAN_NONBLOCKING
{
    start = goal = gain = newGain;
    step = 0.0f;
    length = done = 0;
}

void GainRamp::setTarget(float newGain, int rampFrames) noexcept DRAGOMAN_NONBLOCKING
{
    if (rampFrames <= 0)
    {
        reset(newGain);
        return;
    }
    start = gain;
    goal = newGain;
    step = (goal - start) / static_cast<float>(rampFrames);
    length = rampFrames;
    done = 0;
}

void GainRamp::apply(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    int i = 0;
    for (; i < n && ramping(); ++i)
        buf[i] *= advance();
    if (gain == 1.0f) // the common case: leave the samples bit-exact
        return;
    const float steady = gain;
#pragma omp simd
    for (int k = i; k < n; ++k)
        buf[k] *= steady;
}

void GainRamp::addTo(const float* src, float* dst, int n) noexcept DRAGOMAN_NONBLOCKING
{
    int i = 0;
    for (; i < n && ramping(); ++i)
        dst[i] += src[i] * advance();
    if (gain == 0.0f) // a muted source costs nothing
        return;
    const float steady = gain;
#pragma omp simd
    for (int k = i; k < n; ++k)
        dst[k] += src[k] * steady;
}

void GainRamp::setTo(const float* src, float* dst, int n) noexcept DRAGOMAN_NONBLOCKING
{
    int i = 0;
    for (; i < n && ramping(); ++i)
        dst[i] = 0.0f + src[i] * advance();
    const float steady = gain;
    if (steady == 0.0f) // a muted source: the zeros that addTo() would leave untouched
    {
        std::fill(dst + i, dst + n, 0.0f);
        return;
    }
#pragma omp simd
    for (int k = i; k < n; ++k)
        dst[k] = 0.0f + src[k] * steady;
}

} // namespace dragoman
