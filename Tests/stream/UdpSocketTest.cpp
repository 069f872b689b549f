// One datagram to many destinations in batched system calls: every receiver gets it, across
// batch boundaries, and a destination the kernel refuses costs only its own datagram.

#include "LoopbackReceiver.h"

#include "stream/UdpSocket.h"

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

using namespace dragoman;

TEST_CASE("sendToMany reaches every destination, past a refused one", "[stream][udp]")
{
    auto socket = UdpSocket::open("127.0.0.1", 1);
    REQUIRE(socket.ok());
    constexpr int kReceivers = 70; // more than one batch of 64
    std::vector<std::unique_ptr<test::LoopbackReceiver>> ears;
    std::vector<sockaddr_in> destinations;
    for (int i = 0; i < kReceivers; ++i)
    {
        ears.push_back(std::make_unique<test::LoopbackReceiver>());
        REQUIRE(ears.back()->port() != 0);
        destinations.push_back(*ipv4Endpoint("127.0.0.1", ears.back()->port()));
    }
    // Port 0 is refused by sendmsg (EINVAL): the batch stops there and must go on after it.
    destinations.insert(destinations.begin() + 10, *ipv4Endpoint("127.0.0.1", 0));

    const std::uint8_t datagram[] = {0x80, 96, 0, 1, 9, 9, 9};
    CHECK(socket.value()->sendToMany(destinations, datagram) == kReceivers);
    for (auto& ear : ears)
    {
        const auto bytes = ear->rtp();
        REQUIRE(bytes);
        CHECK(bytes->size() == sizeof datagram);
        CHECK((*bytes)[6] == 9);
    }
}
