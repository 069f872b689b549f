#pragma once
// Counts what the audio thread must never do: allocate, free or lock a mutex. The test program
// that links AudioThreadGuard.cpp replaces malloc, calloc, realloc, free (and the aligned
// variants), every operator new and delete, and pthread_mutex_lock/trylock; the replacements
// forward to glibc and count a call only while the calling thread is inside an AudioThreadScope.
//
// Threads: AudioThreadScope on the thread under test; the counters from any thread.
// Not for sanitizer builds: their runtimes replace malloc themselves.

#include <cstddef>
#include <cstdint>

namespace dragoman::realtime
{

struct AudioThreadCounts
{
    std::uint64_t allocations = 0; // malloc, calloc, realloc, aligned allocations, operator new
    std::uint64_t frees = 0;       // free and operator delete of a non-null pointer
    std::uint64_t locks = 0;       // pthread_mutex_lock and pthread_mutex_trylock (std::mutex)
};

// Marks the calling thread as the audio thread for its lifetime. Construction and destruction
// neither allocate nor lock.
class AudioThreadScope
{
public:
    AudioThreadScope() noexcept;
    ~AudioThreadScope();
    AudioThreadScope(const AudioThreadScope&) = delete;
    AudioThreadScope& operator=(const AudioThreadScope&) = delete;
};

AudioThreadCounts audioThreadCounts() noexcept;

// Zeroes the counts and forgets the first violation. Call before the audio thread starts.
void resetAudioThreadCounts();

// Writes the call stack of the first violation since the last reset to stderr (nothing when
// there was none), so that a failing test names the function that allocated or locked.
void printFirstViolation();

} // namespace dragoman::realtime
