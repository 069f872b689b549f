// Replacements for glibc's allocator entry points, C++'s operator new/delete and
// pthread_mutex_lock. Each forwards to glibc's own implementation (__libc_malloc & co., exported
// for exactly this purpose) and counts the call when it comes from a thread inside an
// AudioThreadScope. The program must export these symbols (CMake ENABLE_EXPORTS) so that calls
// from inside libstdc++ and libc reach them too.

#include "AudioThreadGuard.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <execinfo.h>
#include <new>
#include <pthread.h>

// glibc's allocator under names that C++ code may declare; asm labels bind them to the real ones.
extern "C" void* libcMalloc(std::size_t size) noexcept __asm__("__libc_malloc");
extern "C" void* libcCalloc(std::size_t count, std::size_t size) noexcept __asm__("__libc_calloc");
extern "C" void* libcRealloc(void* p, std::size_t size) noexcept __asm__("__libc_realloc");
extern "C" void libcFree(void* p) noexcept __asm__("__libc_free");
extern "C" void* libcMemalign(std::size_t alignment, std::size_t size) noexcept
    __asm__("__libc_memalign");

// glibc 2.34 moved the mutex into libc; its old internal names stay exported under the base
// version only, which .symver selects.
extern "C" int dragomanLibcMutexLock(pthread_mutex_t* mutex) noexcept;
extern "C" int dragomanLibcMutexTrylock(pthread_mutex_t* mutex) noexcept;
__asm__(".symver dragomanLibcMutexLock,__pthread_mutex_lock@GLIBC_2.2.5");
__asm__(".symver dragomanLibcMutexTrylock,__pthread_mutex_trylock@GLIBC_2.2.5");

namespace
{

// Constant-initialised thread_locals live in the program's static TLS block: reading them needs
// no allocation, so they are safe inside malloc itself.
thread_local bool onAudioThread = false;
thread_local bool insideGuard = false; // backtrace() may allocate: never count ourselves

std::atomic<std::uint64_t> allocationCount{0};
std::atomic<std::uint64_t> freeCount{0};
std::atomic<std::uint64_t> lockCount{0};

constexpr int kMaxFrames = 64;
std::atomic<bool> violationSeen{false};
void* violationStack[kMaxFrames];
int violationDepth = 0;

bool watched() noexcept
{
    return onAudioThread && !insideGuard;
}

void record(std::atomic<std::uint64_t>& counter) noexcept
{
    counter.fetch_add(1, std::memory_order_relaxed);
    if (violationSeen.exchange(true))
        return;
    insideGuard = true;
    violationDepth = backtrace(violationStack, kMaxFrames);
    insideGuard = false;
}

void* allocate(std::size_t size) noexcept
{
    if (watched())
        record(allocationCount);
    return libcMalloc(size);
}

void* allocateAligned(std::size_t alignment, std::size_t size) noexcept
{
    if (watched())
        record(allocationCount);
    return libcMemalign(alignment, size);
}

void release(void* p) noexcept
{
    if (p != nullptr && watched())
        record(freeCount);
    libcFree(p);
}

void* allocateOrThrow(std::size_t size)
{
    if (void* p = allocate(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void* allocateAlignedOrThrow(std::size_t size, std::align_val_t alignment)
{
    if (void* p = allocateAligned(static_cast<std::size_t>(alignment), size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

} // namespace

namespace dragoman::realtime
{

AudioThreadScope::AudioThreadScope() noexcept
{
    onAudioThread = true;
}

AudioThreadScope::~AudioThreadScope()
{
    onAudioThread = false;
}

AudioThreadCounts audioThreadCounts() noexcept
{
    return {allocationCount.load(), freeCount.load(), lockCount.load()};
}

void resetAudioThreadCounts()
{
    // The first backtrace() loads the unwinder (dlopen, malloc): do it here, not in a hook.
    void* warmUp[4];
    backtrace(warmUp, 4);
    allocationCount = 0;
    freeCount = 0;
    lockCount = 0;
    violationDepth = 0;
    violationSeen = false;
}

void printFirstViolation()
{
    if (!violationSeen.load() || violationDepth == 0)
        return;
    static constexpr char heading[] = "First allocation, free or lock on the audio thread:\n";
    std::fputs(heading, stderr);
    std::fflush(stderr);
    backtrace_symbols_fd(violationStack, violationDepth, 2);
}

} // namespace dragoman::realtime

extern "C"
{

    void* malloc(std::size_t size) noexcept
    {
        return allocate(size);
    }

    void* calloc(std::size_t count, std::size_t size) noexcept
    {
        if (watched())
            record(allocationCount);
        return libcCalloc(count, size);
    }

    void* realloc(void* p, std::size_t size) noexcept
    {
        if (watched())
            record(allocationCount);
        return libcRealloc(p, size);
    }

    void free(void* p) noexcept
    {
        release(p);
    }

    void* memalign(std::size_t alignment, std::size_t size) noexcept
    {
        return allocateAligned(alignment, size);
    }

    void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept
    {
        return allocateAligned(alignment, size);
    }

    int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept
    {
        if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0)
            return EINVAL;
        void* p = allocateAligned(alignment, size);
        if (p == nullptr)
            return ENOMEM;
        *out = p;
        return 0;
    }

    int pthread_mutex_lock(pthread_mutex_t* mutex) noexcept
    {
        if (watched())
            record(lockCount);
        return dragomanLibcMutexLock(mutex);
    }

    int pthread_mutex_trylock(pthread_mutex_t* mutex) noexcept
    {
        if (watched())
            record(lockCount);
        return dragomanLibcMutexTrylock(mutex);
    }

} // extern "C"

// Every replaceable form, so that none slips past to libstdc++'s own definitions.
void* operator new(std::size_t size)
{
    return allocateOrThrow(size);
}
void* operator new[](std::size_t size)
{
    return allocateOrThrow(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return allocate(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    return allocate(size == 0 ? 1 : size);
}
void* operator new(std::size_t size, std::align_val_t alignment)
{
    return allocateAlignedOrThrow(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment)
{
    return allocateAlignedOrThrow(size, alignment);
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return allocateAligned(static_cast<std::size_t>(alignment), size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return allocateAligned(static_cast<std::size_t>(alignment), size == 0 ? 1 : size);
}

void operator delete(void* p) noexcept
{
    release(p);
}
void operator delete[](void* p) noexcept
{
    release(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    release(p);
}
void operator delete(void* p, std::align_val_t) noexcept
{
    release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept
{
    release(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept
{
    release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept
{
    release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    release(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
    release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
    release(p);
}
