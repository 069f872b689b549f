#include "BenchOpusMachine.h"

#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>

namespace dragoman::cli
{

int cpuCount()
{
    const long count = ::sysconf(_SC_NPROCESSORS_ONLN);
    return count > 0 ? static_cast<int>(count) : 1;
}

bool pinCallingThread(const std::vector<int>& cpus)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    for (const int cpu : cpus)
        CPU_SET(cpu, &set);
    return ::sched_setaffinity(0, sizeof set, &set) == 0;
}

bool makeCallingThreadRealtime(int priority)
{
    sched_param parameter{};
    parameter.sched_priority = priority;
    return ::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &parameter) == 0;
}

bool makeThreadRealtime(pid_t tid, int priority)
{
    sched_param parameter{};
    parameter.sched_priority = priority;
    return ::sched_setscheduler(tid, SCHED_FIFO, &parameter) == 0;
}

std::vector<pid_t> processThreadIds()
{
    std::vector<pid_t> ids;
    DIR* directory = ::opendir("/proc/self/task");
    if (directory == nullptr)
        return ids;
    while (const dirent* entry = ::readdir(directory))
        if (entry->d_name[0] != '.')
            ids.push_back(static_cast<pid_t>(std::stol(entry->d_name)));
    ::closedir(directory);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::int64_t threadCpuNanos(pid_t tid)
{
    // The clock id glibc's pthread_getcpuclockid() builds: any thread of this process by its id,
    // which is all we know of the threads StreamSender starts.
    const auto clock = static_cast<clockid_t>((~static_cast<unsigned>(tid) << 3) | 6u);
    timespec now{};
    if (::clock_gettime(clock, &now) != 0)
        return 0;
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

std::int64_t callingThreadCpuNanos()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

CoreTicks coreTicks(int cpu)
{
    std::ifstream stat("/proc/stat");
    const std::string name = "cpu" + std::to_string(cpu);
    std::string line;
    while (std::getline(stat, line))
    {
        std::istringstream fields(line);
        std::string label;
        fields >> label;
        if (label != name)
            continue;
        // user nice system idle iowait irq softirq steal ...
        std::vector<std::uint64_t> ticks;
        std::uint64_t value = 0;
        while (fields >> value)
            ticks.push_back(value);
        CoreTicks result;
        for (std::size_t i = 0; i < ticks.size() && i < 8; ++i)
        {
            result.total += ticks[i];
            if (i != 3 && i != 4)
                result.busy += ticks[i];
        }
        return result;
    }
    return {};
}

std::vector<double> loadAverage()
{
    std::ifstream file("/proc/loadavg");
    std::vector<double> load(3, 0.0);
    file >> load[0] >> load[1] >> load[2];
    return load;
}

double percentile(std::vector<double>& values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

} // namespace dragoman::cli
