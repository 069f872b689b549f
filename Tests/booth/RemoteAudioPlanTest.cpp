// A seat the session marks remote starts its audio from the engine's state, unless the command
// line said otherwise.

#include "BoothFixture.h"

#include "model/BoothOptions.h"
#include "model/RemoteAudioPlan.h"

using namespace dragoman::booth;
using namespace dragoman::booth::test;

namespace
{

// The fixture's en-2, made remote as StateJson writes it.
void makeRemote(Booth& b, const nlohmann::json& remote, double spl = 104.0)
{
    for (auto& seat : b.engine["seats"])
        if (seat["id"] == "en-2")
        {
            seat["remote"] = remote;
            seat["spl_at_0dbfs"] = spl;
        }
    b.push();
}

} // namespace

TEST_CASE("Remote audio from the state: the session's ports and calibration",
          "[booth][remote][plan]")
{
    Booth b;
    makeRemote(b, {{"listen", "127.0.0.1:7100"}, {"send_to", "127.0.0.1:7102"}}, 104.0);
    REQUIRE(b.model.seat()->remote());
    const auto plan = remoteAudioFromState(parseBoothOptions({}).value().remoteAudio,
                                           *b.model.seat(), "127.0.0.1");
    REQUIRE(plan);
    CHECK(plan->engine == "127.0.0.1:7100");
    CHECK(plan->listen == "0.0.0.0:7102");
    CHECK(plan->splAt0dBFS == 104.0);

    SECTION("an engine listening on every address is reached where the console reached it")
    {
        Booth any;
        makeRemote(any, {{"listen", "0.0.0.0:7100"}, {"send_to", "192.0.2.7:7102"}});
        const auto far = remoteAudioFromState(parseBoothOptions({}).value().remoteAudio,
                                              *any.model.seat(), "engine.example");
        REQUIRE(far);
        CHECK(far->engine == "engine.example:7100");
    }
    SECTION("the headset's own calibration wins over the session's")
    {
        const auto options = parseBoothOptions({"--spl-at-0dbfs", "118"}).value();
        CHECK(remoteAudioFromState(options.remoteAudio, *b.model.seat(), "h")->splAt0dBFS == 118.0);
    }
    SECTION("--no-remote-audio: another console carries the audio")
    {
        const auto options = parseBoothOptions({"--no-remote-audio"}).value();
        CHECK_FALSE(remoteAudioFromState(options.remoteAudio, *b.model.seat(), "h"));
    }
    SECTION("ports on the command line were already started")
    {
        const auto options =
            parseBoothOptions({"--remote-audio", "10.0.0.1:1", "--remote-listen", "0.0.0.0:2"})
                .value();
        CHECK_FALSE(remoteAudioFromState(options.remoteAudio, *b.model.seat(), "h"));
    }
}

TEST_CASE("An on-site seat, or half a remote section, starts no remote audio",
          "[booth][remote][plan]")
{
    const auto options = parseBoothOptions({}).value().remoteAudio;
    Booth onSite;
    CHECK_FALSE(onSite.model.seat()->remote());
    CHECK_FALSE(remoteAudioFromState(options, *onSite.model.seat(), "h"));
    Booth half;
    makeRemote(half, {{"listen", "127.0.0.1:7100"}});
    CHECK_FALSE(half.model.seat()->remote());
    CHECK_FALSE(parseBoothOptions(
        {"--no-remote-audio", "--remote-audio", "a:1", "--remote-listen", "b:2"}));
}
