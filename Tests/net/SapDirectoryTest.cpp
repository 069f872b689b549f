#include "net/SapDirectory.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

using namespace dragoman;
using namespace std::chrono_literals;
using Outcome = SapDirectory::Outcome;

namespace
{

const SapDirectory::Clock::time_point t0{};

std::string channelSdp(const std::string& id, std::uint64_t version = 1)
{
    SdpDescription d;
    d.origin.sessionId = 1000 + id.size() * 7 + static_cast<std::uint64_t>(id[0]);
    d.origin.sessionVersion = version;
    d.origin.address = "10.0.0.1";
    d.sessionName = id;
    d.connectionAddress = "239.255.12.4";
    d.ttl = 16;
    d.channelId = id;
    return writeSdp(d).value();
}

std::vector<std::uint8_t> sap(const std::string& sdp,
                              SapMessageType type = SapMessageType::announcement,
                              SapOrigin origin = SapOrigin::ipv4(10, 0, 0, 1))
{
    SapPacket packet;
    packet.type = type;
    packet.origin = origin;
    packet.payload = sdp;
    packet.messageIdHash = sapMessageIdHash(sdp);
    std::vector<std::uint8_t> bytes(sapSize(packet));
    REQUIRE(writeSap(packet, bytes) == bytes.size());
    return bytes;
}

} // namespace

TEST_CASE("SapDirectory: announcements are added, refreshed, and time out after 10 intervals",
          "[net][sap]")
{
    SapDirectory directory;
    const auto en = sap(channelSdp("en"));
    auto receipt = directory.receive(en, t0);
    CHECK(receipt.outcome == Outcome::added);
    REQUIRE(receipt.session);
    CHECK(receipt.session->description.channelId == "en");
    REQUIRE(directory.sessions().size() == 1);
    // Heard once: the assumed 30 s interval gives 5 minutes.
    CHECK(directory.timeoutOf(directory.sessions()[0]) == 300s);

    CHECK(directory.receive(en, t0 + 5s).outcome == Outcome::refreshed);
    CHECK(directory.timeoutOf(directory.sessions()[0]) == 50s); // the measured 5 s interval
    CHECK(directory.receive(en, t0 + 10s).outcome == Outcome::refreshed);
    CHECK(directory.sessions()[0].announcements == 3);

    CHECK(directory.expire(t0 + 60s).empty()); // silent for exactly 50 s: still there
    const auto gone = directory.expire(t0 + 60s + 1ms);
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].description.channelId == "en");
    CHECK(directory.sessions().empty());
}

TEST_CASE("SapDirectory: the interval is smoothed, duplicates do not shorten it", "[net][sap]")
{
    SapDirectory directory;
    const auto ru = sap(channelSdp("ru"));
    directory.receive(ru, t0);
    directory.receive(ru, t0 + 8s);         // first gap: 8 s
    directory.receive(ru, t0 + 8s + 100ms); // the same packet again, by another path
    CHECK(directory.sessions()[0].interval == 8s);
    directory.receive(ru, t0 + 12s + 100ms); // a 4 s gap moves it a quarter of the way
    CHECK(directory.sessions()[0].interval == 7s);
    CHECK(directory.timeoutOf(directory.sessions()[0]) == 70s);
}

TEST_CASE("SapDirectory: an hour at most by default, at least with the RFC's rule", "[net][sap]")
{
    const auto zh = sap(channelSdp("zh"));
    SapDirectory directory;
    directory.receive(zh, t0);
    directory.receive(zh, t0 + 600s); // RFC 2974's 300 s minimum interval, and then some
    CHECK(directory.timeoutOf(directory.sessions()[0]) == 1h);

    SapDirectory::Settings rfc;
    rfc.minimumTimeout = 1h;
    SapDirectory strict(rfc);
    strict.receive(zh, t0);
    strict.receive(zh, t0 + 1s);
    CHECK(strict.timeoutOf(strict.sessions()[0]) == 1h);
    CHECK(strict.expire(t0 + 1s + 1h).empty());
    CHECK(strict.expire(t0 + 1s + 1h + 1ms).size() == 1);
}

TEST_CASE("SapDirectory: deletions by message id or by the o= line alone", "[net][sap]")
{
    SapDirectory directory;
    const std::string kk = channelSdp("kk");
    const std::string hi = channelSdp("hi");
    directory.receive(sap(kk), t0);
    directory.receive(sap(hi), t0);
    REQUIRE(directory.sessions().size() == 2);

    const auto deleted = directory.receive(sap(kk, SapMessageType::deletion), t0 + 1s);
    CHECK(deleted.outcome == Outcome::deleted);
    REQUIRE(deleted.removed);
    CHECK(deleted.removed->description.channelId == "kk");
    REQUIRE(directory.sessions().size() == 1);

    // Only the o= line, as some announcers send (its hash differs from the announcement's).
    const std::string originOnly =
        hi.substr(hi.find("o="), hi.find("\r\ns=") - hi.find("o=")) + "\r\n";
    CHECK(directory.receive(sap(originOnly, SapMessageType::deletion), t0 + 2s).outcome ==
          Outcome::deleted);
    CHECK(directory.sessions().empty());

    CHECK(directory.receive(sap(kk, SapMessageType::deletion), t0 + 3s).outcome ==
          Outcome::unknownDeletion);
    // A deletion from another origin does not remove our session.
    directory.receive(sap(kk), t0 + 4s);
    CHECK(
        directory.receive(sap(kk, SapMessageType::deletion, SapOrigin::ipv4(10, 0, 0, 2)), t0 + 5s)
            .outcome == Outcome::unknownDeletion);
    CHECK(directory.sessions().size() == 1);
}

TEST_CASE("SapDirectory: a new version replaces the session, an old one is ignored", "[net][sap]")
{
    SapDirectory directory;
    directory.receive(sap(channelSdp("fa", 1)), t0);
    directory.receive(sap(channelSdp("fa", 1)), t0 + 5s);
    const auto v2 = directory.receive(sap(channelSdp("fa", 2)), t0 + 10s);
    CHECK(v2.outcome == Outcome::updated);
    REQUIRE(directory.sessions().size() == 1);
    CHECK(directory.sessions()[0].description.origin.sessionVersion == 2);
    CHECK(directory.sessions()[0].interval == 5s);
    CHECK(directory.receive(sap(channelSdp("fa", 1)), t0 + 11s).outcome == Outcome::stale);
    CHECK(directory.sessions()[0].description.origin.sessionVersion == 2);

    // The same session announced from another host is another entry.
    CHECK(directory
              .receive(sap(channelSdp("fa", 2), SapMessageType::announcement,
                           SapOrigin::ipv4(10, 0, 0, 9)),
                       t0 + 12s)
              .outcome == Outcome::added);
    CHECK(directory.sessions().size() == 2);
}

TEST_CASE("SapDirectory: bad packets, other payloads and floods are counted, not stored",
          "[net][sap]")
{
    SapDirectory::Settings settings;
    settings.maximumSessions = 3;
    SapDirectory directory(settings);

    const std::array<std::uint8_t, 3> garbage{1, 2, 3};
    const auto bad = directory.receive(garbage, t0);
    CHECK(bad.outcome == Outcome::badPacket);
    CHECK(bad.packetError == SapError::tooShort);

    SapPacket text;
    text.payloadType = "text/plain";
    text.payload = "hello";
    std::vector<std::uint8_t> bytes(sapSize(text));
    writeSap(text, bytes);
    CHECK(directory.receive(bytes, t0).outcome == Outcome::notSdp);

    const auto badSdp = directory.receive(sap("v=0\r\ns=no origin\r\n"), t0);
    CHECK(badSdp.outcome == Outcome::badSdp);
    REQUIRE(badSdp.sdpError);
    CHECK(badSdp.sdpError->message == "no o= line");

    for (const char* id : {"a1", "b2", "c3"})
        CHECK(directory.receive(sap(channelSdp(id)), t0).outcome == Outcome::added);
    CHECK(directory.receive(sap(channelSdp("d4")), t0).outcome == Outcome::full);
    CHECK(directory.sessions().size() == 3);
    CHECK(sapOutcomeName(Outcome::full) == "full");
    CHECK(sapOutcomeName(Outcome::unknownDeletion) == "unknownDeletion");
}

TEST_CASE("SapDirectory: payload type matching ignores case, as MIME does", "[net][sap]")
{
    SapDirectory directory;
    const std::string sdp = channelSdp("be");
    SapPacket packet;
    packet.payloadType = "Application/SDP";
    packet.payload = sdp;
    packet.messageIdHash = 7;
    std::vector<std::uint8_t> bytes(sapSize(packet));
    writeSap(packet, bytes);
    CHECK(directory.receive(bytes, t0).outcome == Outcome::added);
}

TEST_CASE("SapDirectory: two sessions sharing a hash do not replace each other", "[net][sap]")
{
    auto withHash = [](const std::string& sdp, std::uint16_t hash, SapMessageType type)
    {
        SapPacket packet;
        packet.type = type;
        packet.origin = SapOrigin::ipv4(10, 0, 0, 1);
        packet.payload = sdp;
        packet.messageIdHash = hash;
        std::vector<std::uint8_t> bytes(sapSize(packet));
        writeSap(packet, bytes);
        return bytes;
    };
    SapDirectory directory;
    const std::string uz = channelSdp("uz");
    const std::string ky = channelSdp("ky");
    CHECK(directory.receive(withHash(uz, 77, SapMessageType::announcement), t0).outcome ==
          Outcome::added);
    CHECK(directory.receive(withHash(ky, 77, SapMessageType::announcement), t0).outcome ==
          Outcome::added);
    CHECK(directory.receive(withHash(uz, 77, SapMessageType::announcement), t0 + 5s).outcome ==
          Outcome::refreshed);
    CHECK(directory.receive(withHash(ky, 77, SapMessageType::announcement), t0 + 5s).outcome ==
          Outcome::refreshed);
    REQUIRE(directory.sessions().size() == 2);

    // The deletion's o= line says which one goes.
    CHECK(directory.receive(withHash(ky, 77, SapMessageType::deletion), t0 + 6s).outcome ==
          Outcome::deleted);
    REQUIRE(directory.sessions().size() == 1);
    CHECK(directory.sessions()[0].description.channelId == "uz");

    // Without an o= line, the hash decides.
    CHECK(directory.receive(withHash("v=0\r\n", 78, SapMessageType::deletion), t0 + 7s).outcome ==
          Outcome::unknownDeletion);
    CHECK(directory.receive(withHash("v=0\r\n", 77, SapMessageType::deletion), t0 + 7s).outcome ==
          Outcome::deleted);
    CHECK(directory.sessions().empty());
}

TEST_CASE("SapDirectory: a deletion finds the session by the o= line the parser used", "[net][sap]")
{
    // Found by the SAP fuzz target: with two o= lines the SDP parser keeps the last, and a
    // deletion must read the same one, or the session it announced can never be deleted.
    const std::string twoOrigins = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\n"
                                   "o=- 2 1 IN IP4 10.0.0.1\r\nm=audio 5004 RTP/AVP 96\r\n";
    SapDirectory directory;
    REQUIRE(directory.receive(sap(twoOrigins), t0).outcome == Outcome::added);
    CHECK(directory.sessions()[0].description.origin.sessionId == 2);
    CHECK(directory.receive(sap(twoOrigins, SapMessageType::deletion), t0 + 1s).outcome ==
          Outcome::deleted);
    CHECK(directory.sessions().empty());
}
