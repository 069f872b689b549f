#pragma once
// Extends RTP's wrapping counters (16-bit sequence numbers, 32-bit timestamps) to 64 bits, so that
// ordering, slot arithmetic and durations never meet a wrap. A value is read as the extension
// nearest to the reference, half the range either way (RFC 3550, appendix A.1).
//
// The reference moves only when the caller accepts a value: a stray packet (random bytes, another
// sender) must not drag it, or every later packet would be read 65536 off.
//
// SequenceTracker (RtpSequence.h) answers a different question, RFC 3550's validity and report
// counts; the jitter buffer needs this plain extension for slot arithmetic and timestamps.
//
// Threads: one owner thread; everything is real-time safe.

#include "core/Realtime.h"

#include <cstdint>
#include <type_traits>

namespace dragoman
{

template <typename Raw> class Unwrapper
{
    static_assert(std::is_unsigned_v<Raw> && sizeof(Raw) <= 4, "RTP counters are 16 or 32 bits");

public:
    // The extension of `raw` nearest to the reference; `raw` itself before anything was accepted.
    std::int64_t extend(Raw raw) const noexcept DRAGOMAN_NONBLOCKING
    {
        if (!anchored)
            return static_cast<std::int64_t>(raw);
        constexpr std::int64_t range = std::int64_t{1} << (8 * sizeof(Raw));
        const auto forward = static_cast<Raw>(raw - static_cast<Raw>(reference));
        const auto step = static_cast<std::int64_t>(forward);
        return reference + (step < range / 2 ? step : step - range);
    }

    void accept(std::int64_t extended) noexcept DRAGOMAN_NONBLOCKING
    {
        reference = extended;
        anchored = true;
    }

    void reset() noexcept DRAGOMAN_NONBLOCKING
    {
        reference = 0;
        anchored = false;
    }

private:
    std::int64_t reference = 0;
    bool anchored = false;
};

using SequenceUnwrapper = Unwrapper<std::uint16_t>;
using TimestampUnwrapper = Unwrapper<std::uint32_t>;

} // namespace dragoman
