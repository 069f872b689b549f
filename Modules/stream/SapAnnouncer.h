#pragma once
// Announces every channel's SDP with SAP (RFC 2974) on its own thread: all announcements every
// `interval_s` (RFC 2974 asks for 5 min on the Internet; on a LAN, seconds let a receiver that
// just switched on find the channels at once), and a deletion for each on stop.
//
// Threads: create(), start(), stop() and the destructor on the control thread. The announcing
// thread only reads what create() built. packets(), sendErrors(): any thread.

#include "core/Result.h"
#include "core/Session.h"
#include "stream/UdpSocket.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dragoman
{

class SapAnnouncer
{
public:
    static Result<std::unique_ptr<SapAnnouncer>> create(const NetworkSpec& network,
                                                        std::vector<std::string> sdps);
    ~SapAnnouncer();

    void start();
    void stop(); // sends the deletions; idempotent

    std::uint64_t packets() const noexcept { return sent.load(std::memory_order_relaxed); }
    std::uint64_t sendErrors() const noexcept { return errors.load(std::memory_order_relaxed); }

private:
    SapAnnouncer(std::unique_ptr<UdpSocket> socket, sockaddr_in group, std::string origin,
                 double interval, std::vector<std::string> sdps);
    void announceAll(bool deletion);
    void run();

    std::unique_ptr<UdpSocket> socket;
    sockaddr_in destination;
    std::string originAddress;
    double intervalSeconds;
    std::vector<std::string> descriptions;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> errors{0};
};

} // namespace dragoman
