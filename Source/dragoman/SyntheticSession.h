#pragma once
// A made-up meeting of any size, built in code, for benchmarks and load tests: one booth per
// channel, up to three seats per booth, B outputs (retour) into channel 0 from some booths, and
// pivots so that most booths relay from channel 0 when the floor speaks a language they lack.
//
// Threads: control thread only (allocates).

#include "core/Result.h"
#include "core/Session.h"

namespace dragoman::cli
{

// `channels` channels and `seats` seats spread as evenly as possible over `channels` booths, so
// channels <= seats <= 3 * channels. The session passes validateSession(); an impossible size is
// refused with a message naming the allowed range.
Result<Session> syntheticSession(int channels, int seats, int blockFrames = 64);

} // namespace dragoman::cli
