#pragma once
// Throttling of one client: a token bucket, 100 requests a second with bursts of 200
// (docs/CONTROL_API.md, error -32003). A console sends a few requests a second; a script that
// loops without waiting must not starve the other consoles of the network thread.
//
// Threads: the network thread that owns the client. Pure: time is passed in (seconds).

#include <algorithm>

namespace dragoman::control
{

class RequestBudget
{
public:
    explicit RequestBudget(double perSecond = 100.0, double burst = 200.0)
        : rate(perSecond), capacity(burst), tokens(burst)
    {
    }

    // True when the request may run; false when it is over budget (and must be refused).
    bool take(double nowSeconds)
    {
        if (started)
            tokens = std::min(capacity, tokens + (nowSeconds - last) * rate);
        started = true;
        last = nowSeconds;
        if (tokens < 1.0)
            return false;
        tokens -= 1.0;
        return true;
    }

private:
    double rate;
    double capacity;
    double tokens;
    double last = 0.0;
    bool started = false;
};

} // namespace dragoman::control
