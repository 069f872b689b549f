// The `network:` section: defaults, the shipped session's loopback streams, and refusals that
// point at the right line and key.

#include "core/SessionFile.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;
using Catch::Matchers::Contains;

namespace
{

const std::string head = "name: Test\n"
                         "floor: { language: en }\n"
                         "channels:\n"
                         "  - { id: ru, language: ru, name: Russian }\n"
                         "booths:\n"
                         "  - { id: ru, outputs: { A: ru }, seats: [ru-1] }\n";

Result<Session> withNetwork(const std::string& network)
{
    return parseSession(head + "network:\n" + network, "t.yaml");
}

} // namespace

TEST_CASE("A network section without settings takes the documented defaults", "[session][network]")
{
    const auto session = withNetwork("  channels: { floor: { unicast: ['127.0.0.1:6000'] } }\n");
    REQUIRE(session.ok());
    REQUIRE(session->network);
    const NetworkSpec& network = *session->network;
    CHECK(network.interface == "127.0.0.1");
    CHECK(network.ttl == 1);
    CHECK(network.opus.frameMicroseconds == 10000);
    CHECK(network.opus.bitrate == 32000);
    CHECK(network.opus.fec);
    CHECK(network.opus.expectedLossPercent == 2);
    CHECK(network.sap.enabled);
    CHECK(network.sap.address == "239.255.255.255");
    CHECK(network.sdpDir.empty());
    REQUIRE(network.channels.size() == 1);
    CHECK(network.channels[0].channel == "floor");
    CHECK_FALSE(network.channels[0].multicast);
    REQUIRE(network.channels[0].unicast.size() == 1);
    CHECK(network.channels[0].unicast[0].port == 6000);
}

TEST_CASE("Every setting of the network section is read", "[session][network]")
{
    const auto session = withNetwork("  interface: 10.1.2.3\n"
                                     "  ttl: 4\n"
                                     "  opus: { frame_ms: 2.5, bitrate: 48000, complexity: 3,"
                                     " fec: false, expected_loss: 0 }\n"
                                     "  sap: { enabled: false, port: 9876, interval_s: 1.5 }\n"
                                     "  sdp_dir: /tmp/sdp\n"
                                     "  channels:\n"
                                     "    ru: { multicast: '239.69.0.3:5004',"
                                     " unicast: ['127.0.0.1:6002', '127.0.0.1:7002'] }\n");
    REQUIRE(session.ok());
    const NetworkSpec& network = *session->network;
    CHECK(network.interface == "10.1.2.3");
    CHECK(network.ttl == 4);
    CHECK(network.opus.frameMicroseconds == 2500);
    CHECK(network.opus.bitrate == 48000);
    CHECK(network.opus.complexity == 3);
    CHECK_FALSE(network.opus.fec);
    CHECK(network.opus.expectedLossPercent == 0);
    CHECK_FALSE(network.sap.enabled);
    CHECK(network.sap.port == 9876);
    CHECK(network.sap.intervalSeconds == 1.5);
    CHECK(network.sdpDir == "/tmp/sdp");
    REQUIRE(network.channels[0].multicast);
    CHECK(network.channels[0].multicast->address == "239.69.0.3");
    CHECK(network.channels[0].unicast.size() == 2);
}

TEST_CASE("Bad network settings are refused at their line and key", "[session][network]")
{
    const auto refusal = [](const std::string& network)
    {
        const auto session = withNetwork(network);
        REQUIRE_FALSE(session.ok());
        return session.error();
    };
    CHECK_THAT(refusal("  opus: { frame_ms: 7 }\n"), Contains("t.yaml:8: network.opus.frame_ms"));
    CHECK_THAT(refusal("  opus: { complexity: 11 }\n"), Contains("network.opus.complexity"));
    CHECK_THAT(refusal("  ttl: 300\n"), Contains("t.yaml:8: network.ttl"));
    CHECK_THAT(refusal("  interface: 239.1.1.1\n"), Contains("network.interface"));
    CHECK_THAT(refusal("  intreface: 127.0.0.1\n"), Contains("unknown key 'intreface'"));
    CHECK_THAT(refusal("  channels: { xx: { unicast: ['127.0.0.1:6000'] } }\n"),
               Contains("network.channels.xx: unknown channel 'xx'"));
    CHECK_THAT(refusal("  channels: { ru: { multicast: '10.0.0.1:5004' } }\n"),
               Contains("not an IPv4 multicast group"));
    CHECK_THAT(refusal("  channels: { ru: { unicast: ['239.1.1.1:5004'] } }\n"),
               Contains("network.channels.ru.unicast[0]"));
    CHECK_THAT(refusal("  channels:\n    ru:\n"),
               Contains("network.channels.ru: has no destination"));
    CHECK_THAT(refusal("  channels: { ru: { unicast: ['127.0.0.1'] } }\n"),
               Contains("expected ADDRESS:PORT"));
    CHECK_THAT(refusal("  channels:\n    ru: { multicast: '239.1.1.1:5004' }\n"
                       "    floor: { multicast: '239.1.1.1:5004' }\n"),
               Contains("already another channel's group"));
}

TEST_CASE("The shipped session streams every channel to loopback only", "[session][network]")
{
    const auto session =
        loadSessionFile(std::string(DRAGOMAN_ASSETS_DIR) + "/sessions/astana.yaml");
    REQUIRE(session.ok());
    REQUIRE(session->network);
    CHECK(session->network->channels.size() == session->channels.size() + 1);
    CHECK_FALSE(session->network->sap.enabled); // SAP is multicast: not in the root namespace
    for (const auto& destinations : session->network->channels)
    {
        CHECK_FALSE(destinations.multicast);
        for (const auto& endpoint : destinations.unicast)
            CHECK(endpoint.address == "127.0.0.1");
    }
}

TEST_CASE("default_multicast_base places the floor at +1 and channel i at +2+i",
          "[session][network]")
{
    const auto session = parseSession("name: Test\n"
                                      "floor: { language: en }\n"
                                      "channels:\n"
                                      "  - { id: ru, language: ru }\n"
                                      "  - { id: zh, language: zh }\n"
                                      "booths:\n"
                                      "  - { id: ru, outputs: { A: ru, B: zh }, seats: [ru-1] }\n"
                                      "network:\n"
                                      "  default_multicast_base: '239.69.0.0:5004'\n"
                                      "  channels:\n"
                                      "    floor:\n"
                                      "    zh: { unicast: ['127.0.0.1:6000'] }\n"
                                      "    ru: { multicast: '239.70.0.9:5006' }\n",
                                      "t.yaml");
    REQUIRE(session.ok());
    const auto& channels = session->network->channels;
    REQUIRE(channels.size() == 3);
    CHECK(channels[0].multicast->address == "239.69.0.1");
    CHECK(channels[1].multicast->address == "239.69.0.3");
    CHECK(channels[1].multicast->port == 5004);
    CHECK(channels[1].unicast.size() == 1);
    CHECK(channels[2].multicast->address == "239.70.0.9"); // its own group wins
    CHECK_THAT(withNetwork("  default_multicast_base: '10.0.0.0:5004'\n").error(),
               Contains("t.yaml:8: network.default_multicast_base"));
}
