#pragma once
// Where the routing logic reports what happened. The engine's sink is a lock-free queue; tests
// collect events in a vector.

#include "core/Event.h"
#include "core/Realtime.h"

namespace dragoman
{

class EventSink
{
public:
    virtual ~EventSink() = default;
    // Called on the audio thread: must not allocate, lock or wait.
    virtual void emit(const Event& event) noexcept DRAGOMAN_NONBLOCKING = 0;
};

} // namespace dragoman
