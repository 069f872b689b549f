#include "receive/DriftCorrector.h"

#include <algorithm>

namespace dragoman
{

double DriftCorrector::update(double errorSeconds, double driftPpm, bool driftValid,
                              double elapsedSeconds) noexcept DRAGOMAN_NONBLOCKING
{
    const double drift =
        driftValid ? std::clamp(driftPpm, -config.maxDriftPpm, config.maxDriftPpm) : 0.0;
    // Bumpless hand-over: until the estimate is valid the integral has been carrying the drift;
    // when the estimate arrives it takes over that share instead of adding to it.
    if (driftValid != haveFeedForward)
        integral = std::clamp(integral + (feedForward - drift), -config.maxCorrectionPpm,
                              config.maxCorrectionPpm);
    haveFeedForward = driftValid;
    feedForward = drift;

    const double proportional = config.gainPerSecond * errorSeconds * 1e6;
    const double candidate = integral + config.gainPerSecond / config.integralSeconds *
                                            errorSeconds * elapsedSeconds * 1e6;
    // The integral is for what persists (drift the estimate misses), not for the policy's steps
    // (start-up, growth, shrinking), which the proportional part carries at its cap: integrating
    // those would overshoot for tens of seconds after each. Hence integrate only small errors.
    if (std::abs(errorSeconds) <= config.integrateBelowSeconds)
        integral = std::clamp(candidate, -config.maxCorrectionPpm, config.maxCorrectionPpm);

    speed = feedForward +
            std::clamp(proportional + integral, -config.maxCorrectionPpm, config.maxCorrectionPpm);
    return speed;
}

void DriftCorrector::reset() noexcept DRAGOMAN_NONBLOCKING
{
    integral = feedForward = speed = 0.0;
    haveFeedForward = false;
}

} // namespace dragoman
