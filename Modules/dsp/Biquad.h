#pragma once
// One second-order IIR section (transposed direct form II) with double-precision state, so that
// shelves with low corner frequencies stay quiet and exact at 48 kHz. Coefficients may change
// while it runs (glideTo()): the transposed form tolerates small, smooth changes.
//
// Threads: real-time safe throughout; owned by the thread that runs the enclosing DSP block.

#include "core/Realtime.h"

#include <cmath>

namespace dragoman
{

// Normalised so that a0 == 1.
struct BiquadCoefficients
{
    double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;
};

class Biquad
{
public:
    void setCoefficients(const BiquadCoefficients& c) noexcept DRAGOMAN_NONBLOCKING
    {
        k = c;
        glideLeft = 0;
        preparePairs();
    }
    // Moves linearly to `target` over the next `frames` samples, landing on it exactly. Changing
    // b0 at once would step the output by the change times the input: a click, or with frequent
    // small changes, zipper noise.
    void glideTo(const BiquadCoefficients& target, int frames) noexcept DRAGOMAN_NONBLOCKING
    {
        if (frames <= 1)
        {
            setCoefficients(target);
            return;
        }
        const double f = frames;
        step = {(target.b0 - k.b0) / f, (target.b1 - k.b1) / f, (target.b2 - k.b2) / f,
                (target.a1 - k.a1) / f, (target.a2 - k.a2) / f};
        end = target;
        glideLeft = frames;
    }
    const BiquadCoefficients& coefficients() const noexcept DRAGOMAN_NONBLOCKING { return k; }
    void clear() noexcept DRAGOMAN_NONBLOCKING { z1 = z2 = 0.0; }
    // No history and no glide under way: skipping process() would change nothing.
    bool idle() const noexcept DRAGOMAN_NONBLOCKING
    {
        return z1 == 0.0 && z2 == 0.0 && glideLeft == 0;
    }
    bool gliding() const noexcept DRAGOMAN_NONBLOCKING { return glideLeft > 0; }

    double process(double x) noexcept DRAGOMAN_NONBLOCKING
    {
        if (glideLeft > 0)
            advanceGlide();
        const double y = k.b0 * x + z1;
        // The feedback term last: the next sample then waits on one multiply and one subtract.
        z1 = (k.b1 * x + z2) - k.a1 * y;
        z2 = k.b2 * x - k.a2 * y;
        return y;
    }

    // Two frames at once, while no glide is under way: y0, y1 for inputs x0, x1. The state moves
    // by the square of the one-frame transition, so the next pair waits on one multiply and two
    // adds, where two process() calls wait on twice that: twice the throughput of a filter
    // bound by its feedback. Equal to two process() calls but for rounding in the last bits.
    void processPair(double x0, double x1, double& y0, double& y1) noexcept DRAGOMAN_NONBLOCKING
    {
        y0 = k.b0 * x0 + z1;
        y1 = (k.b0 * x1 + pair.g1 * x0) + (z2 - k.a1 * z1);
        const double next1 = (pair.g1 * x1 + pair.h * x0) + (pair.s11 * z1 - k.a1 * z2);
        const double next2 = (pair.k2 * x1 + pair.m * x0) + (pair.s21 * z1 - k.a2 * z2);
        z1 = next1;
        z2 = next2;
    }

    // Call once per block: a decaying tail would otherwise end in denormals, which are slow on
    // x86 unless the audio thread sets flush-to-zero. 1e-20 is far below any audible level.
    void flushDenormals() noexcept DRAGOMAN_NONBLOCKING
    {
        if (std::fabs(z1) < 1e-20 && std::fabs(z2) < 1e-20)
            z1 = z2 = 0.0;
    }

private:
    // Two frames of the transposed form, written out: with g1 = b1 - a1 b0,
    //   y1    = b0 x1 + g1 x0 + z2 - a1 z1
    //   z1'' = g1 x1 + (b2 - a2 b0 - a1 g1) x0 + (a1^2 - a2) z1 - a1 z2
    //   z2'' = (b2 - a2 b0) x1 - a2 g1 x0 + a1 a2 z1 - a2 z2
    struct PairCoefficients
    {
        double g1 = 0.0, h = 0.0, k2 = 0.0, m = 0.0, s11 = 0.0, s21 = 0.0;
    };

    void preparePairs() noexcept DRAGOMAN_NONBLOCKING
    {
        pair.g1 = k.b1 - k.a1 * k.b0;
        pair.h = k.b2 - k.a2 * k.b0 - k.a1 * pair.g1;
        pair.k2 = k.b2 - k.a2 * k.b0;
        pair.m = -k.a2 * pair.g1;
        pair.s11 = k.a1 * k.a1 - k.a2;
        pair.s21 = k.a1 * k.a2;
    }

    void advanceGlide() noexcept DRAGOMAN_NONBLOCKING
    {
        if (--glideLeft == 0)
        {
            k = end;
            preparePairs();
            return;
        }
        k.b0 += step.b0;
        k.b1 += step.b1;
        k.b2 += step.b2;
        k.a1 += step.a1;
        k.a2 += step.a2;
    }

    BiquadCoefficients k;
    PairCoefficients pair; // for k, while no glide is under way
    BiquadCoefficients step;
    BiquadCoefficients end;
    int glideLeft = 0;
    double z1 = 0.0;
    double z2 = 0.0;
};

} // namespace dragoman
