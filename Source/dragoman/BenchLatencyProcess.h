#pragma once
// The programs `dragoman bench latency` runs beside itself (jackd, dragoman engine, dragoman
// receive, dragoman-impair, jacktrip), each a child process that is always stopped and reaped:
// the destructor sends SIGTERM, waits, then SIGKILL, so no exit path leaves a jackd behind.
//
// Threads: the control (main) thread only.

#include "core/Result.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace dragoman::cli
{

class ChildProcess
{
public:
    // Starts `argv[0]` (a path, or a name looked up on PATH) with this process's environment;
    // its stdout and stderr go to `log` (appended), its stdin is /dev/null.
    static Result<ChildProcess> spawn(const std::vector<std::string>& argv,
                                      const std::filesystem::path& log);

    ChildProcess() = default;
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() { stop(); }

    // True while the child runs (reaps it if it has exited, keeping its status).
    bool running();
    // SIGTERM, up to `grace` for it to exit, then SIGKILL; always reaps. Returns the exit code
    // (128 + signal when killed), or -1 when there was no child.
    int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));

    pid_t pid() const { return child; }
    const std::string& name() const { return program; }
    const std::filesystem::path& logFile() const { return log; }

private:
    pid_t child = -1;
    int status = -1; // once reaped
    std::string program;
    std::filesystem::path log;
};

// The last `lines` lines of a log file, for error messages.
std::string logTail(const std::filesystem::path& log, int lines = 15);

// Polls `ready` every 50 ms for up to `seconds`; fails early, with the child's log, when `child`
// has exited.
template <typename Ready>
std::optional<Error> waitFor(double seconds, ChildProcess& child, const std::string& what,
                             Ready ready)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!ready())
    {
        if (!child.running())
            return Error{child.name() + " exited before " + what + "; its log:\n" +
                         logTail(child.logFile())};
        if (std::chrono::steady_clock::now() > deadline)
            return Error{child.name() + ": no " + what + " within " +
                         std::to_string(static_cast<int>(seconds)) + " s; its log:\n" +
                         logTail(child.logFile())};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

// A scratch folder for sessions, SDP files and the children's logs; removed unless `keep`.
class BenchWorkFolder
{
public:
    explicit BenchWorkFolder(const std::string& prefix);
    ~BenchWorkFolder();
    BenchWorkFolder(const BenchWorkFolder&) = delete;
    BenchWorkFolder& operator=(const BenchWorkFolder&) = delete;
    // Empty when the folder could not be made.
    const std::filesystem::path& path() const { return folder; }
    bool keep = false;

private:
    std::filesystem::path folder;
};

// Where a sibling program of this executable is: the same folder, the build tree's layout, or
// PATH. Empty when not found.
std::filesystem::path findProgram(const std::string& name,
                                  const std::vector<std::string>& buildTreeGuesses);

// Whether this process may run threads with SCHED_FIFO (what jackd -R needs).
bool realtimeAllowed();

// An even UDP port P on 127.0.0.1 with P and P + 1 free now (RTP and RTCP), from `start` on.
int freeUdpPortPair(int start);

} // namespace dragoman::cli

namespace dragoman::cli
{
// SIGINT/SIGTERM ask the bench to stop: it then stops its children and exits, rather than dying
// with a jackd left behind. Installed by the bench command; polled by its waits.
void installBenchStopHandlers();
bool benchStopRequested();
} // namespace dragoman::cli
