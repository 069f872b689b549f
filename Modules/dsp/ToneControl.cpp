#include "dsp/ToneControl.h"

#include "dsp/ShelfDesign.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{
namespace
{

float clampDb(float db) noexcept
{
    if (std::isnan(db))
        return 0.0f;
    return std::clamp(db, -ToneControl::maxDb, ToneControl::maxDb);
}

} // namespace

void ToneControl::prepare(double sampleRate)
{
    rate = sampleRate;
    glideFrames = std::max(1.0, std::round(glideSeconds * sampleRate));
    reset();
}

void ToneControl::setBassDb(float db) noexcept DRAGOMAN_NONBLOCKING
{
    bass.targetDb.store(clampDb(db), std::memory_order_relaxed);
}

void ToneControl::setTrebleDb(float db) noexcept DRAGOMAN_NONBLOCKING
{
    treble.targetDb.store(clampDb(db), std::memory_order_relaxed);
}

float ToneControl::bassDb() const noexcept DRAGOMAN_NONBLOCKING
{
    return bass.targetDb.load(std::memory_order_relaxed);
}

float ToneControl::trebleDb() const noexcept DRAGOMAN_NONBLOCKING
{
    return treble.targetDb.load(std::memory_order_relaxed);
}

void ToneControl::reset() noexcept DRAGOMAN_NONBLOCKING
{
    for (Shelf* s : {&bass, &treble})
    {
        s->goalDb = s->currentDb = s->targetDb.load(std::memory_order_relaxed);
        s->stepDb = 0.0;
        s->filter.clear();
    }
    updateCoefficients(0);
}

bool ToneControl::followTargets() noexcept DRAGOMAN_NONBLOCKING
{
    bool gliding = false;
    for (Shelf* s : {&bass, &treble})
    {
        const double target = s->targetDb.load(std::memory_order_relaxed);
        if (target != s->goalDb)
        {
            // A new target mid-glide starts from where the glide is, so nothing jumps.
            s->goalDb = target;
            s->stepDb = (target - s->currentDb) / glideFrames;
        }
        gliding = gliding || s->currentDb != s->goalDb;
    }
    return gliding;
}

void ToneControl::advanceGlides(int frames) noexcept DRAGOMAN_NONBLOCKING
{
    for (Shelf* s : {&bass, &treble})
    {
        if (s->currentDb == s->goalDb)
            continue;
        const double next = s->currentDb + s->stepDb * frames;
        const bool arrived = s->stepDb > 0.0 ? next >= s->goalDb : next <= s->goalDb;
        // Landing exactly on the goal matters at 0 dB, where the shelf becomes an exact bypass.
        s->currentDb = arrived ? s->goalDb : next;
    }
}

void ToneControl::updateCoefficients(int frames) noexcept DRAGOMAN_NONBLOCKING
{
    bass.filter.glideTo(lowShelf(rate, bassHz, bass.currentDb), frames);
    treble.filter.glideTo(highShelf(rate, trebleHz, treble.currentDb), frames);
}

void ToneControl::process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    int done = 0;
    while (done < n)
    {
        int chunk = n - done;
        if (followTargets())
        {
            chunk = std::min(chunk, framesPerCoefficientUpdate);
            advanceGlides(chunk);
            updateCoefficients(chunk); // the filters move there sample by sample
        }
        // A shelf at 0 dB with no history is an exact identity in double (b0 = 1, b1 = a1,
        // b2 = a2), so skipping it changes no bit; usually only one of the two is in use.
        const bool bassOn = !(bass.currentDb == 0.0 && bass.filter.idle());
        const bool trebleOn = !(treble.currentDb == 0.0 && treble.filter.idle());
        if (bassOn && trebleOn)
            for (int i = done; i < done + chunk; ++i)
                buf[i] = static_cast<float>(treble.filter.process(bass.filter.process(buf[i])));
        else if (bassOn)
            for (int i = done; i < done + chunk; ++i)
                buf[i] = static_cast<float>(bass.filter.process(buf[i]));
        else if (trebleOn)
            for (int i = done; i < done + chunk; ++i)
                buf[i] = static_cast<float>(treble.filter.process(buf[i]));
        done += chunk;
    }
    bass.filter.flushDenormals();
    treble.filter.flushDenormals();
}

} // namespace dragoman
