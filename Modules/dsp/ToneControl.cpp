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

// buf[begin, end) through `first`, then `second` if there is one: two frames per step where no
// glide is under way (see Biquad::processPair()), one at a time where one is.
void runShelves(Biquad& first, Biquad* second, float* buf, int begin, int end) noexcept
{
    int i = begin;
    if (!first.gliding() && (second == nullptr || !second->gliding()))
    {
        for (; i + 1 < end; i += 2)
        {
            double y0 = 0.0;
            double y1 = 0.0;
            first.processPair(buf[i], buf[i + 1], y0, y1);
            if (second != nullptr)
                second->processPair(y0, y1, y0, y1);
            buf[i] = static_cast<float>(y0);
            buf[i + 1] = static_cast<float>(y1);
        }
    }
    for (; i < end; ++i)
    {
        double y = first.process(buf[i]);
        if (second != nullptr)
            y = second->process(y);
        buf[i] = static_cast<float>(y);
    }
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
        if (bassOn)
            runShelves(bass.filter, trebleOn ? &treble.filter : nullptr, buf, done, done + chunk);
        else if (trebleOn)
            runShelves(treble.filter, nullptr, buf, done, done + chunk);
        done += chunk;
    }
    bass.filter.flushDenormals();
    treble.filter.flushDenormals();
}

} // namespace dragoman
