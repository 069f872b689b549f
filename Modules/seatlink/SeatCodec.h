#pragma once
// The Opus settings of a remote seat's two legs. Latency first: an interpreter hears the floor
// and speaks over it at once, so each leg must stay under 15 ms (issue 5). 2.5 ms frames in
// RESTRICTED_LOWDELAY (CELT, 2.5 ms look-ahead) cost 5 ms of codec delay where 10 ms frames with
// FEC would cost 16.5 ms; CELT at 2.5 ms needs more bits for speech, hence 64 kb/s (a seat is
// two streams, not a thousand). No FEC: it needs SILK; a lost 2.5 ms frame is concealed by PLC.
//
// Threads: plain data, any thread.

#include "core/Session.h"

namespace dragoman
{

inline OpusSettings remoteSeatOpus(int frameMicroseconds = 2500)
{
    OpusSettings opus;
    opus.frameMicroseconds = frameMicroseconds;
    opus.bitrate = 64000;
    opus.complexity = 5;
    opus.fec = false;
    opus.expectedLossPercent = 2;
    return opus;
}

} // namespace dragoman
