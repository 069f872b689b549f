#pragma once
// The interpreter's bass and treble: a low shelf and a high shelf, independent of the volume.
// Changes glide in dB over ~20 ms so that turning a knob never clicks: the shelves are redesigned
// every 16 samples and the coefficients move linearly in between. At 0 dB / 0 dB the audio passes
// bit-exact.
//
// Threads: prepare() on the control thread before audio starts. setBassDb()/setTrebleDb() from
// any thread (they only store an atomic target that process() picks up). process() and reset()
// on the audio thread.

#include "dsp/Biquad.h"
#include "core/Realtime.h"

#include <atomic>

namespace dragoman
{

class ToneControl
{
public:
    static constexpr float maxDb = 12.0f;                 // either way, as on conference desks
    static constexpr double bassHz = 200.0;               // shelf midpoint
    static constexpr double trebleHz = 5000.0;            // shelf midpoint
    static constexpr double glideSeconds = 0.02;          // slow enough not to click
    static constexpr int framesPerCoefficientUpdate = 16; // cheap, and still smooth

    void prepare(double sampleRate);

    // Clamped to +-maxDb; NaN counts as 0.
    void setBassDb(float db) noexcept DRAGOMAN_NONBLOCKING;
    void setTrebleDb(float db) noexcept DRAGOMAN_NONBLOCKING;
    float bassDb() const noexcept DRAGOMAN_NONBLOCKING;   // the target, not the glide position
    float trebleDb() const noexcept DRAGOMAN_NONBLOCKING; // the target, not the glide position

    // Jump to the targets without gliding and forget the filter history (e.g. on a new stream).
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    void process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;

private:
    struct Shelf
    {
        Biquad filter;
        std::atomic<float> targetDb{0.0f};
        double goalDb = 0.0;    // the target the current glide heads for
        double currentDb = 0.0; // where the glide is now
        double stepDb = 0.0;    // per frame
    };

    // Starts a new glide when the target moved; returns whether any shelf is still gliding.
    bool followTargets() noexcept DRAGOMAN_NONBLOCKING;
    void advanceGlides(int frames) noexcept DRAGOMAN_NONBLOCKING;
    // Coefficients for the current glide position, reached over `frames` samples (0: at once).
    void updateCoefficients(int frames) noexcept DRAGOMAN_NONBLOCKING;

    Shelf bass;
    Shelf treble;
    double rate = 48000.0;
    double glideFrames = 960.0;
};

} // namespace dragoman
