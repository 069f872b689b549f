// A seat's `remote:` key: both endpoints read, and refusals that point at the right line and key.

#include "core/SessionFile.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;
using Catch::Matchers::Contains;

namespace
{

Result<Session> withSeat(const std::string& seat)
{
    return parseSession("name: Test\n"
                        "floor: { language: en }\n"
                        "channels:\n"
                        "  - { id: ru, language: ru, name: Russian }\n"
                        "booths:\n"
                        "  - id: ru\n"
                        "    outputs: { A: ru }\n"
                        "    seats:\n"
                        "      - ru-1\n" +
                            seat,
                        "t.yaml");
}

} // namespace

TEST_CASE("A remote seat names where its microphone arrives and where its feed goes",
          "[session][remote]")
{
    const auto session = withSeat("      - { id: ru-2, spl_at_0dbfs: 104, remote: { listen: "
                                  "'127.0.0.1:7100', send_to: '127.0.0.1:7200' } }\n");
    REQUIRE(session.ok());
    const auto& seats = session->booths[0].seats;
    REQUIRE(seats.size() == 2);
    CHECK_FALSE(seats[0].remote);
    REQUIRE(seats[1].remote);
    CHECK(seats[1].remote->listen.address == "127.0.0.1");
    CHECK(seats[1].remote->listen.port == 7100);
    CHECK(seats[1].remote->sendTo.address == "127.0.0.1");
    CHECK(seats[1].remote->sendTo.port == 7200);
    CHECK(seats[1].splAt0dBFS == 104.0);
}

TEST_CASE("A remote seat's mistakes are refused with file, line and key", "[session][remote]")
{
    SECTION("a missing endpoint")
    {
        const auto session = withSeat("      - id: ru-2\n"
                                      "        remote: { listen: '127.0.0.1:7100' }\n");
        REQUIRE_FALSE(session.ok());
        CHECK_THAT(session.error(), Contains("t.yaml:11: booths[0].seats[1].remote"));
        CHECK_THAT(session.error(), Contains("needs both listen and send_to"));
    }
    SECTION("an unknown key")
    {
        const auto session = withSeat("      - id: ru-2\n"
                                      "        remote: { listen: '127.0.0.1:7100',\n"
                                      "                  send: '127.0.0.1:7200' }\n");
        REQUIRE_FALSE(session.ok());
        CHECK_THAT(session.error(), Contains("t.yaml:12: booths[0].seats[1].remote.send"));
        CHECK_THAT(session.error(), Contains("allowed: listen, send_to"));
    }
    SECTION("a multicast group, a host name or a port without room for RTCP")
    {
        for (const std::string bad :
             {"239.1.1.1:7100", "engine.local:7100", "127.0.0.1:65535", "127.0.0.1", "127.0.0.1:0"})
        {
            const auto session = withSeat("      - id: ru-2\n"
                                          "        remote:\n"
                                          "          listen: '127.0.0.1:7100'\n"
                                          "          send_to: '" +
                                          bad + "'\n");
            REQUIRE_FALSE(session.ok());
            CHECK_THAT(session.error(), Contains("t.yaml:13: booths[0].seats[1].remote.send_to"));
            CHECK_THAT(session.error(), Contains(bad));
        }
    }
}
