#pragma once
// The power spectrum of one frame of real audio: Hann window, radix-2 FFT, |X|^2 per bin. Small
// and fixed-size so that an analyser can run it on the audio thread a few times a second.
//
// Threads: prepare() on the control thread (allocates the tables). analyse() and the getters on
// one thread at a time, afterwards; they never allocate, lock or wait.

#include "core/Realtime.h"

#include <vector>

namespace dragoman
{

class PowerSpectrum
{
public:
    // `size` is a power of two (e.g. 1024).
    void prepare(int size);
    int size() const noexcept { return n; }
    int bins() const noexcept { return n / 2 + 1; } // 0 .. Nyquist

    // Windows and transforms `frame` (size() samples); power(k) then holds |X[k]|^2.
    void analyse(const float* frame) noexcept DRAGOMAN_NONBLOCKING;
    float power(int bin) const noexcept DRAGOMAN_NONBLOCKING { return powers[bin]; }

private:
    void transform() noexcept DRAGOMAN_NONBLOCKING;

    int n = 0;
    std::vector<float> window;
    std::vector<int> reversed; // bit-reversed index of each position
    // Plain arrays rather than std::complex, whose multiply calls a library routine for the
    // NaN cases: nothing here may leave the nonblocking world.
    std::vector<double> cosines, sines; // e^(-2 pi i k / n) for k < n / 2
    std::vector<double> re, im;
    std::vector<float> powers;
};

} // namespace dragoman
