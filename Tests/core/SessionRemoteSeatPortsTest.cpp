// Remote seats' UDP ports: two seats on one port pair, or a stream sent into a seat's microphone
// port, are refused with both users named; distinct ports, and TCP control ports, are not.

#include "core/SessionFile.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;
using Catch::Matchers::Contains;

namespace
{

std::string remoteSeat(const std::string& id, const std::string& listen, const std::string& sendTo)
{
    return "      - { id: " + id + ", remote: { listen: '" + listen + "', send_to: '" + sendTo +
           "' } }\n";
}

// ru-1 (line 9) and ru-2 (line 10) are remote; `tail` adds sections after the booths.
Result<Session> withSeats(const std::string& first, const std::string& second,
                          const std::string& tail = "")
{
    return parseSession("name: Test\n"
                        "floor: { language: en }\n"
                        "channels:\n"
                        "  - { id: ru, language: ru, name: Russian }\n"
                        "booths:\n"
                        "  - id: ru\n"
                        "    outputs: { A: ru }\n"
                        "    seats:\n" +
                            first + second + tail,
                        "t.yaml");
}

std::string refusal(const Result<Session>& session)
{
    REQUIRE_FALSE(session.ok());
    return session.error();
}

} // namespace

TEST_CASE("Remote seats on their own ports are accepted", "[session][remote]")
{
    const auto session =
        withSeats(remoteSeat("ru-1", "127.0.0.1:7100", "127.0.0.1:7200"),
                  remoteSeat("ru-2", "127.0.0.1:7102", "127.0.0.1:7202"),
                  "control: { listen: '127.0.0.1:7100', tcp: '127.0.0.1:7102' }\n");
    // TCP control ports share no port space with the seats' UDP sockets.
    CHECK(session.ok());
    // The same port on another address is another socket.
    CHECK(withSeats(remoteSeat("ru-1", "127.0.0.1:7100", "127.0.0.1:7200"),
                    remoteSeat("ru-2", "127.0.0.2:7100", "127.0.0.1:7202"))
              .ok());
}

TEST_CASE("Two remote seats on one microphone port are refused, naming both", "[session][remote]")
{
    const std::string first = remoteSeat("ru-1", "127.0.0.1:7100", "127.0.0.1:7200");
    SECTION("the same port")
    {
        const auto error =
            refusal(withSeats(first, remoteSeat("ru-2", "127.0.0.1:7100", "127.0.0.1:7202")));
        CHECK_THAT(error, Contains("t.yaml:10: booths[0].seats[1].remote.listen: seat ru-2 uses "
                                   "127.0.0.1:7100"));
        CHECK_THAT(error, Contains("seat ru-1 (127.0.0.1:7100, booths[0].seats[0].remote.listen "
                                   "on line 9)"));
    }
    SECTION("one seat's RTP port on the other's RTCP port")
    {
        CHECK_THAT(
            refusal(withSeats(first, remoteSeat("ru-2", "127.0.0.1:7101", "127.0.0.1:7202"))),
            Contains("collides with seat ru-1"));
    }
    SECTION("0.0.0.0 takes the port on every address")
    {
        CHECK_THAT(refusal(withSeats(first, remoteSeat("ru-2", "0.0.0.0:7100", "127.0.0.1:7202"))),
                   Contains("seat ru-2 uses 0.0.0.0:7100"));
    }
}

TEST_CASE("Two remote seats' feeds to one port are refused", "[session][remote]")
{
    const auto error = refusal(withSeats(remoteSeat("ru-1", "127.0.0.1:7100", "127.0.0.1:7200"),
                                         remoteSeat("ru-2", "127.0.0.1:7102", "127.0.0.1:7200")));
    CHECK_THAT(error, Contains("booths[0].seats[1].remote.send_to: seat ru-2 uses 127.0.0.1:7200"));
    CHECK_THAT(error, Contains("seat ru-1"));
    CHECK_THAT(error, Contains("two seats' feeds"));
}

TEST_CASE("A stream or feed sent into a remote seat's microphone port is refused",
          "[session][remote]")
{
    const std::string first = remoteSeat("ru-1", "127.0.0.1:7100", "127.0.0.1:7200");
    SECTION("a channel's unicast stream")
    {
        const auto error =
            refusal(withSeats(first, "      - ru-2\n",
                              "network:\n"
                              "  channels: { ru: { unicast: ['127.0.0.1:7100'] } }\n"));
        CHECK_THAT(error, Contains("booths[0].seats[0].remote.listen: seat ru-1 uses "
                                   "127.0.0.1:7100, which collides with channel ru's stream"));
        CHECK_THAT(error, Contains("network.channels.ru.unicast[0] on line 12"));
    }
    SECTION("another seat's feed")
    {
        CHECK_THAT(
            refusal(withSeats(first, remoteSeat("ru-2", "127.0.0.1:7102", "127.0.0.1:7100"))),
            Contains("seat ru-1 uses 127.0.0.1:7100, which collides with seat ru-2's feed"));
    }
    SECTION("a stream to another host is no collision")
    {
        CHECK(withSeats(first, "      - ru-2\n",
                        "network:\n"
                        "  channels: { ru: { unicast: ['10.0.0.7:7100'] } }\n")
                  .ok());
    }
}
