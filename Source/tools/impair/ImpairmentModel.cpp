#include "ImpairmentModel.h"

#include <algorithm>

namespace dragoman::impair
{

ImpairmentModel::ImpairmentModel(const ImpairmentSettings& settings)
    : config(settings), random(settings.seed)
{
    // Gilbert-Elliott with a lossy bad state: bursts last burstLength packets on average and
    // start often enough that the long-run loss is lossPercent.
    const double loss = std::clamp(settings.lossPercent / 100.0, 0.0, 0.99);
    const double burst = std::max(settings.burstLength, 1.0);
    leaveBurst = 1.0 / burst;
    enterBurst = loss >= 1.0 ? 1.0 : leaveBurst * loss / (1.0 - loss);
}

bool ImpairmentModel::lose()
{
    if (config.lossPercent <= 0.0)
        return false;
    inBurst = inBurst ? uniform() >= leaveBurst : uniform() < enterBurst;
    return inBurst;
}

const std::vector<double>& ImpairmentModel::next()
{
    copies.clear();
    // Every decision draws the same number of random values, so that changing one setting does
    // not reshuffle the others' choices for a given seed.
    const bool lost = lose();
    const double jitter = uniform() * config.jitterMs;
    const bool late = uniform() * 100.0 < config.reorderPercent;
    const bool twice = uniform() * 100.0 < config.duplicatePercent;
    const double duplicateJitter = uniform() * config.jitterMs;
    if (lost)
        return copies;
    const double delay = config.delayMs + jitter + (late ? config.reorderMs : 0.0);
    copies.push_back(delay);
    if (twice)
        copies.push_back(config.delayMs + duplicateJitter + (late ? config.reorderMs : 0.0));
    return copies;
}

} // namespace dragoman::impair
