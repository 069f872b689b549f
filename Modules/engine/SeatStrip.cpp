#include "SeatStrip.h"

#include "dsp/Decibels.h"

namespace dragoman
{

void SeatStrip::prepare(double sampleRate, int maxBlock, double splAt0dBFS)
{
    rampFrames =
        static_cast<int>(sampleRate * 0.010); // 10 ms: inaudible as a click, quick as a key
    tone.prepare(sampleRate);
    HearingProtectionSettings settings;
    settings.splAt0dBFS = splAt0dBFS;
    protection.prepare(settings, sampleRate, maxBlock);
}

void SeatStrip::follow(int source, float volumeDb, float bassDb, float trebleDb,
                       float sidetoneDb) noexcept
{
    if (source != current)
    {
        previous = current;
        current = source;
        fadeOut.reset(fadeIn.current());
        fadeOut.setTarget(0.0f, rampFrames);
        fadeIn.reset(0.0f);
        fadeIn.setTarget(1.0f, rampFrames);
    }
    const float volumeGain = dbToGain(volumeDb);
    if (volume.target() != volumeGain)
        volume.setTarget(volumeGain, rampFrames);
    const float sidetoneGain = dbToGain(sidetoneDb);
    if (sidetone.target() != sidetoneGain)
        sidetone.setTarget(sidetoneGain, rampFrames);
    tone.setBassDb(bassDb);
    tone.setTrebleDb(trebleDb);
}

void SeatStrip::process(const float* heard, const float* fading, const float* mic, float* out,
                        int n) noexcept
{
    fadeIn.setTo(heard, out, n); // no need to clear `out` first
    if (fading != nullptr)
        fadeOut.addTo(fading, out, n);
    if (mic != nullptr && (sidetone.current() > 0.0f || sidetone.ramping()))
        sidetone.addTo(mic, out, n);
    volume.apply(out, n);
    tone.process(out, n);
    protection.process(out, n);
}

} // namespace dragoman
