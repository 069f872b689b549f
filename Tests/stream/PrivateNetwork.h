#pragma once
// Multicast for tests without touching the machine's network: a thread of its own unshares a
// new network namespace (only that thread moves: CLONE_NEWNET is per thread), brings its
// loopback up and creates the test's sockets there. Sockets stay in the namespace they were
// made in, so the test thread then uses them as usual and nothing reaches the host's LAN.
// Needs CAP_SYS_ADMIN (root); without it the caller skips.

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace dragoman::test
{

// The namespace's own lo starts down, without 127.0.0.1.
inline bool bringLoopbackUp()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
    request.ifr_flags |= IFF_UP;
    up = up && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
    ::close(fd);
    return up;
}

// Runs `make` inside a fresh network namespace whose lo (127.0.0.1) is up; false when the
// namespace cannot be made (not root), in which case `make` did not run.
template <typename Make> bool inPrivateNetwork(Make&& make)
{
    bool made = false;
    std::thread(
        [&]
        {
            if (::unshare(CLONE_NEWNET) != 0 || !bringLoopbackUp())
                return;
            make();
            made = true;
        })
        .join();
    return made;
}

} // namespace dragoman::test
