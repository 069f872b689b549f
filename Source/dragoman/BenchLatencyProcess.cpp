#include "BenchLatencyProcess.h"

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace dragoman::cli
{

Result<ChildProcess> ChildProcess::spawn(const std::vector<std::string>& argv,
                                         const std::filesystem::path& log)
{
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    // The children must not inherit a blocked SIGTERM or an ignored SIGINT from us.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    const int error = posix_spawnp(&pid, args[0], &files, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
    if (error != 0)
        return Error{"cannot start " + argv[0] + ": " + std::strerror(error)};
    ChildProcess child;
    child.child = pid;
    child.program = std::filesystem::path(argv[0]).filename().string();
    child.log = log;
    return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : child(other.child), status(other.status), program(std::move(other.program)),
      log(std::move(other.log))
{
    other.child = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept
{
    if (this != &other)
    {
        stop();
        child = other.child;
        status = other.status;
        program = std::move(other.program);
        log = std::move(other.log);
        other.child = -1;
    }
    return *this;
}

bool ChildProcess::running()
{
    if (child < 0 || status >= 0)
        return false;
    int s = 0;
    const pid_t done = ::waitpid(child, &s, WNOHANG);
    if (done == child)
    {
        status = WIFEXITED(s) ? WEXITSTATUS(s) : 128 + WTERMSIG(s);
        return false;
    }
    return done == 0;
}

int ChildProcess::stop(std::chrono::milliseconds grace)
{
    if (child < 0)
        return -1;
    if (running())
    {
        ::kill(child, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + grace;
        while (running() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (running())
        {
            ::kill(child, SIGKILL);
            int s = 0;
            ::waitpid(child, &s, 0);
            status = 128 + SIGKILL;
        }
    }
    const int code = status;
    child = -1;
    return code;
}

std::string logTail(const std::filesystem::path& log, int lines)
{
    std::ifstream in(log);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        all.push_back(line);
    std::string text;
    const auto first = all.size() > static_cast<std::size_t>(lines) ? all.size() - lines : 0;
    for (auto i = first; i < all.size(); ++i)
        text += "    " + all[i] + "\n";
    return text;
}

BenchWorkFolder::BenchWorkFolder(const std::string& prefix)
{
    std::string pattern = std::filesystem::temp_directory_path() / (prefix + ".XXXXXX");
    if (::mkdtemp(pattern.data()) != nullptr)
        folder = pattern;
}

BenchWorkFolder::~BenchWorkFolder()
{
    std::error_code ignored;
    if (!folder.empty() && !keep)
        std::filesystem::remove_all(folder, ignored);
}

std::filesystem::path findProgram(const std::string& name,
                                  const std::vector<std::string>& buildTreeGuesses)
{
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error)
    {
        std::vector<std::filesystem::path> places{self.parent_path() / name};
        for (const auto& guess : buildTreeGuesses)
            places.push_back(self.parent_path() / guess);
        for (const auto& place : places)
            if (::access(place.c_str(), X_OK) == 0)
                return place.lexically_normal();
    }
    if (const char* path = std::getenv("PATH"))
    {
        std::string list = path;
        std::size_t start = 0;
        while (start <= list.size())
        {
            const auto end = std::min(list.find(':', start), list.size());
            const auto candidate = std::filesystem::path(list.substr(start, end - start)) / name;
            if (end > start && ::access(candidate.c_str(), X_OK) == 0)
                return candidate;
            start = end + 1;
        }
    }
    return {};
}

bool realtimeAllowed()
{
    bool allowed = false;
    std::thread probe(
        [&]
        {
            sched_param parameter{};
            parameter.sched_priority = 1;
            allowed = ::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &parameter) == 0;
        });
    probe.join();
    return allowed;
}

namespace
{
bool udpPortFree(int port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return free;
}
} // namespace

int freeUdpPortPair(int start)
{
    for (int port = start & ~1; port < 65000; port += 2)
        if (udpPortFree(port) && udpPortFree(port + 1))
            return port;
    return -1;
}

} // namespace dragoman::cli

namespace dragoman::cli
{
namespace
{
std::atomic<int> stopSignal{0};
extern "C" void requestBenchStop(int signal)
{
    stopSignal.store(signal, std::memory_order_relaxed);
}
} // namespace

void installBenchStopHandlers()
{
    std::signal(SIGINT, requestBenchStop);
    std::signal(SIGTERM, requestBenchStop);
}

bool benchStopRequested()
{
    return stopSignal.load(std::memory_order_relaxed) != 0;
}
} // namespace dragoman::cli
