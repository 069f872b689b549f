// The impairment relay: its decisions are seeded and have the asked-for statistics, and the
// relay really passes packets on loopback.

#include "UdpRelay.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace dragoman::impair;

namespace
{
struct Tally
{
    int lost = 0;
    int duplicated = 0;
    int reordered = 0;
    double maxDelay = 0.0;
};

Tally simulate(const ImpairmentSettings& settings, int packets, int* longestBurst = nullptr)
{
    ImpairmentModel model(settings);
    Tally tally;
    int burst = 0;
    for (int i = 0; i < packets; ++i)
    {
        const auto& copies = model.next();
        if (copies.empty())
        {
            ++tally.lost;
            ++burst;
            if (longestBurst != nullptr)
                *longestBurst = std::max(*longestBurst, burst);
            continue;
        }
        burst = 0;
        if (copies.size() > 1)
            ++tally.duplicated;
        if (copies.front() >= settings.delayMs + settings.reorderMs)
            ++tally.reordered;
        for (const double delay : copies)
            tally.maxDelay = std::max(tally.maxDelay, delay);
    }
    return tally;
}
} // namespace

TEST_CASE("The same seed replays the same decisions", "[impair]")
{
    ImpairmentSettings settings;
    settings.lossPercent = 5;
    settings.jitterMs = 10;
    settings.duplicatePercent = 1;
    ImpairmentModel a(settings);
    ImpairmentModel b(settings);
    for (int i = 0; i < 10000; ++i)
        REQUIRE(a.next() == b.next());
    settings.seed = 2;
    ImpairmentModel c(settings);
    ImpairmentModel d(ImpairmentSettings{settings.lossPercent, 1.0, 0.0, 10.0, 0.0, 5.0, 1.0, 1});
    int differ = 0;
    for (int i = 0; i < 1000; ++i)
        differ += c.next() != d.next();
    CHECK(differ > 100);
}

TEST_CASE("Loss, bursts, jitter, reordering and duplication have the asked-for rates", "[impair]")
{
    ImpairmentSettings settings;
    settings.lossPercent = 5;
    settings.delayMs = 20;
    settings.jitterMs = 10;
    settings.reorderPercent = 2;
    settings.reorderMs = 15;
    settings.duplicatePercent = 1;
    const int packets = 200000;
    const auto random = simulate(settings, packets);
    CHECK(random.lost / double(packets) == Approx(0.05).margin(0.003));
    CHECK(random.duplicated / double(packets - random.lost) == Approx(0.01).margin(0.002));
    CHECK(random.reordered / double(packets - random.lost) == Approx(0.02).margin(0.003));
    CHECK(random.maxDelay <= 20 + 10 + 15);

    settings.burstLength = 4;
    int longest = 0;
    const auto bursty = simulate(settings, packets, &longest);
    CHECK(bursty.lost / double(packets) == Approx(0.05).margin(0.005));
    CHECK(longest >= 10); // geometric bursts of mean 4 reach 10+ in 200,000 packets

    CHECK(simulate(ImpairmentSettings{}, 1000).lost == 0);
}

TEST_CASE("The relay forwards on loopback and refuses other destinations", "[impair][network]")
{
    UdpRelay refused;
    CHECK_THAT(refused.open("127.0.0.1:0", "192.0.2.1:5004", false),
               Catch::Contains("not a loopback"));
    UdpRelay malformed;
    CHECK_THAT(malformed.open("127.0.0.1:0", "localhost", false),
               Catch::Contains("expected IPv4:PORT"));

    const int sink = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in sinkAddress{};
    sinkAddress.sin_family = AF_INET;
    sinkAddress.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(sink, reinterpret_cast<sockaddr*>(&sinkAddress), sizeof sinkAddress) == 0);
    socklen_t length = sizeof sinkAddress;
    ::getsockname(sink, reinterpret_cast<sockaddr*>(&sinkAddress), &length);
    timeval timeout{0, 200000};
    ::setsockopt(sink, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    UdpRelay relay;
    REQUIRE(
        relay.open("127.0.0.1:0", "127.0.0.1:" + std::to_string(ntohs(sinkAddress.sin_port)), false)
            .empty());
    ImpairmentSettings settings;
    settings.delayMs = 2;
    ImpairmentModel model(settings);
    std::thread loop([&] { relay.run(model, 0.0); });

    const int source = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in relayAddress{};
    relayAddress.sin_family = AF_INET;
    relayAddress.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    relayAddress.sin_port = htons(relay.listenPort());
    int received = 0;
    for (int i = 0; i < 50; ++i)
    {
        const unsigned char packet[4] = {1, 2, 3, static_cast<unsigned char>(i)};
        ::sendto(source, packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&relayAddress),
                 sizeof relayAddress);
        unsigned char back[16];
        if (::recv(sink, back, sizeof back, 0) == 4 && back[3] == i)
            ++received;
    }
    relay.stop();
    loop.join();
    ::close(source);
    ::close(sink);
    CHECK(received == 50);
    CHECK(relay.counters().forwarded == 50);
}
