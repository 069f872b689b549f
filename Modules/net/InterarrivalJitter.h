#pragma once
// Interarrival jitter as RFC 3550 §6.4.1 defines it and Appendix A.8 computes it: a running
// mean deviation of the transit time, J += (|D| - J) / 16, where D is how much longer one packet
// took than the one before. Kept in fixed point (J x 16), as A.8 suggests, so that the value a
// receiver report carries is exact and the same on every machine.
//
// Threads: one per source, owned by the thread that receives that source's packets. Real-time
// safe.

#include "core/Realtime.h"

#include <algorithm>
#include <cstdint>

namespace dragoman
{

class InterarrivalJitter
{
public:
    // Both times in RTP timestamp units (e.g. 1/48000 s): `rtpTimestamp` from the packet,
    // `arrival` from the receiver's clock converted to the same rate. Both may wrap.
    void onPacket(std::uint32_t rtpTimestamp, std::uint32_t arrival) noexcept DRAGOMAN_NONBLOCKING
    {
        // Unsigned subtraction, then a signed difference: correct across either wrap.
        const std::uint32_t transit = arrival - rtpTimestamp;
        if (haveTransit)
        {
            const auto d = static_cast<std::int32_t>(transit - lastTransit);
            const std::uint32_t magnitude =
                d < 0 ? 0u - static_cast<std::uint32_t>(d) : static_cast<std::uint32_t>(d);
            // J16 += |D| - J16/16, rounded: A.8's integer form.
            scaled += magnitude - ((scaled + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    void reset() noexcept { *this = InterarrivalJitter{}; }

    // In RTP timestamp units, as the jitter field of a report block carries it.
    std::uint32_t jitter() const noexcept
    {
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(scaled >> 4, UINT32_MAX));
    }
    double jitterSeconds(std::uint32_t clockRate) const noexcept
    {
        return static_cast<double>(scaled) / 16.0 / static_cast<double>(clockRate);
    }

private:
    std::uint64_t scaled = 0; // J x 16; 64 bits, so that hostile timestamps cannot wrap it
    std::uint32_t lastTransit = 0;
    bool haveTransit = false;
};

} // namespace dragoman
