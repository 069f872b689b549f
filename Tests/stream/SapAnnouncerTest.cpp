// The SAP announcer: announcements carry each channel's SDP with a stable message id, and stop()
// sends a deletion for each. Sent to a unicast loopback port here (the session only allows
// multicast groups, which the root namespace must not use).

#include "LoopbackReceiver.h"

#include "net/Sap.h"
#include "stream/SapAnnouncer.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;

TEST_CASE("SAP announces every SDP and deletes each on stop", "[stream][sap]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    NetworkSpec network;
    network.sap.address = "127.0.0.1";
    network.sap.port = ears.port();
    network.sap.intervalSeconds = 0.1;
    const std::string en = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=English\r\n";
    const std::string kk = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=Kazakh\r\n";
    auto announcer = SapAnnouncer::create(network, {en, kk});
    REQUIRE(announcer.ok());
    announcer.value()->start();

    // Two rounds of two announcements, 0.1 s apart.
    for (int i = 0; i < 4; ++i)
    {
        const auto bytes = ears.rtp();
        REQUIRE(bytes);
        const auto packet = parseSap(*bytes);
        REQUIRE(packet.ok());
        CHECK(packet.value().type == SapMessageType::announcement);
        CHECK(packet.value().origin == SapOrigin::ipv4(127, 0, 0, 1));
        const std::string payload(packet.value().payload);
        CHECK(payload == (i % 2 == 0 ? en : kk));
        CHECK(packet.value().messageIdHash == sapMessageIdHash(payload));
    }
    announcer.value()->stop();
    int deletions = 0;
    while (const auto bytes = ears.rtp(300))
        if (const auto packet = parseSap(*bytes);
            packet.ok() && packet.value().type == SapMessageType::deletion)
            ++deletions;
    CHECK(deletions == 2);
    CHECK(announcer.value()->sendErrors() == 0);
}
