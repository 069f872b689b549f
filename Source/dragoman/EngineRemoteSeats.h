#pragma once
// `dragoman engine`'s remote seats: the RemoteSeatLink built, attached to the driver and started
// before the audio starts, and its counters printed at the end.
//
// Threads: the control (main) thread only.

#include "core/Result.h"
#include "core/Session.h"
#include "drivers/PortAudioDriver.h"
#include "seatlink/RemoteSeatLink.h"

#include <memory>

namespace dragoman::cli
{

// nullptr (and no error) when the session has no remote seat.
Result<std::unique_ptr<RemoteSeatLink>>
startRemoteSeats(const Engine& engine, PortAudioDriver& driver, const Session& session);

// One line per remote seat: what was received from the interpreter and sent to them.
void printRemoteSeats(RemoteSeatLink& link);

} // namespace dragoman::cli
