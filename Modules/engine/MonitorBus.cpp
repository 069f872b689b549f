#include "MonitorBus.h"

namespace dragoman
{

void MonitorBus::prepare(int maxBlock, int switchFrames)
{
    rampFrames = switchFrames;
    currentSeat.assign(maxBlock, 0.0f);
    fadingSeat.assign(maxBlock, 0.0f);
    silence.assign(maxBlock, 0.0f);
}

bool MonitorBus::select(MonitorSource wanted) noexcept DRAGOMAN_NONBLOCKING
{
    if (wanted == current)
        return false;
    // As SeatStrip does: a switch during a fade drops the source that was already fading out,
    // a rare double press the technician hears as at most a short cut.
    previous = current;
    current = wanted;
    fadeOut.reset(fadeIn.current());
    fadeOut.setTarget(0.0f, rampFrames);
    fadeIn.reset(0.0f);
    fadeIn.setTarget(1.0f, rampFrames);
    return true;
}

float* MonitorBus::seatCapture(int seat) noexcept DRAGOMAN_NONBLOCKING
{
    const auto isSeat = [seat](MonitorSource source)
    {
        return source.target == MonitorTarget::seat && source.index == seat;
    };
    if (isSeat(current))
        return currentSeat.data();
    if (isSeat(fadingSource()))
        return fadingSeat.data();
    return nullptr;
}

const float* MonitorBus::capturedSeat(bool fading) const noexcept DRAGOMAN_NONBLOCKING
{
    return fading ? fadingSeat.data() : currentSeat.data();
}

void MonitorBus::process(const float* heard, const float* fading, float* out,
                         int n) noexcept DRAGOMAN_NONBLOCKING
{
    fadeIn.setTo(heard != nullptr ? heard : silence.data(), out, n); // no need to clear `out`
    if (fadeOut.ramping())
        fadeOut.addTo(fading != nullptr ? fading : silence.data(), out, n);
}

} // namespace dragoman
