#pragma once
// What the stream benchmarks (`bench opus`, `bench fanout`) ask of the machine: pinning threads
// to cores, threads' CPU time, a core's busy time, the load average, real-time priority, and
// percentiles of what they measured. Linux only, like the rest of the streaming code.
//
// Threads: any; each function acts on the calling thread unless it takes a thread id.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dragoman::cli
{

int cpuCount();
// Pins the calling thread (and the threads it starts later) to `cpus`. False on refusal.
bool pinCallingThread(const std::vector<int>& cpus);
// SCHED_FIFO at `priority` for the calling thread, as an audio thread runs. False when refused.
bool makeCallingThreadRealtime(int priority);
// The same for thread `tid` of this process (threads a library started, e.g. the encoders).
bool makeThreadRealtime(pid_t tid, int priority);

// The ids of this process's threads (from /proc/self/task).
std::vector<pid_t> processThreadIds();
// CPU time (user + system) of thread `tid` of this process, in nanoseconds; 0 when it is gone.
std::int64_t threadCpuNanos(pid_t tid);
std::int64_t callingThreadCpuNanos();

// Everything that ran on `cpu` (any process, interrupts, soft interrupts) and all its time, in
// clock ticks, from /proc/stat.
struct CoreTicks
{
    std::uint64_t busy = 0;
    std::uint64_t total = 0;
};
CoreTicks coreTicks(int cpu);

// The three load averages from /proc/loadavg (zeros when unreadable).
std::vector<double> loadAverage();

// Nearest-rank percentile `p` (0..1) of `values` (sorted in place); 0 when empty.
double percentile(std::vector<double>& values, double p);

} // namespace dragoman::cli
