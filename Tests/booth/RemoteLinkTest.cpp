// A remote seat's link health as the console shows it: the meter's figures over each reading,
// the status bar's second line and the headphones' limiter lamp driven by the interpreter's own
// limiter, and the command line that turns the console's remote audio on.

#include "model/RemoteLink.h"
#include "BoothFixture.h"
#include "model/BoothOptions.h"
#include "views/BoothPanel.h"

using namespace dragoman::booth;
using namespace dragoman::booth::test;

namespace
{
RemoteAudioCounters flowing(std::uint64_t step, std::uint64_t lostSoFar = 0)
{
    RemoteAudioCounters c;
    c.micPackets = 200 * step;
    c.feedDatagrams = 200 * step;
    c.feedReceived = 200 * step - lostSoFar;
    c.feedLost = lostSoFar;
    c.jitterMs = 0.8;
    c.bufferDelayMs = 6.2;
    c.leqSpl = 71.0;
    return c;
}
} // namespace

TEST_CASE("The link meter: loss over the last reading, feed and microphone moving",
          "[booth][remote]")
{
    RemoteLinkMeter meter;
    auto view = meter.update(flowing(1));
    CHECK(view.active);
    CHECK(view.receiving);
    CHECK(view.sending);
    CHECK(view.lossPercent == 0.0);
    CHECK(view.healthy());

    view = meter.update(flowing(2, 20)); // 20 of the last 200 frames lost
    CHECK(view.lossPercent == Approx(10.0));
    CHECK_FALSE(view.healthy());
    view = meter.update(flowing(3, 20)); // the burst is over
    CHECK(view.lossPercent == 0.0);
    CHECK(view.healthy());

    auto stalled = flowing(3, 20); // nothing new from the engine, the microphone still leaves
    stalled.micPackets += 200;
    view = meter.update(stalled);
    CHECK_FALSE(view.receiving);
    CHECK(view.sending);
    CHECK_FALSE(view.healthy());

    auto restarted = flowing(1); // a new stream: its counters begin again
    restarted.micPackets = stalled.micPackets + 200;
    restarted.feedDatagrams = stalled.feedDatagrams + 200;
    view = meter.update(restarted);
    CHECK(view.receiving);
    CHECK(view.lossPercent == 0.0);

    auto limited = flowing(5);
    limited.limiterReductionDb = 4.5f;
    limited.exposureWarning = true;
    limited.audioRunning = false;
    view = meter.update(limited);
    CHECK(view.limiterReductionDb == Approx(4.5));
    CHECK(view.exposureWarning);
    CHECK_FALSE(view.healthy());
}

TEST_CASE("The status bar shows the remote link; the headphones' lamp its limiter",
          "[booth][remote][views]")
{
    Booth b("en-2");
    BoothPanel panel(b.model, b.actions);
    panel.setSize(1024, 600);
    b.push();
    panel.refresh(~0u);
    CHECK(panel.status().remoteLampText().isEmpty()); // on site: no second line
    CHECK(panel.status().getHeight() == StatusBar::kLineHeight);

    RemoteLinkMeter meter;
    panel.refresh(b.model.applyRemoteLink(meter.update(flowing(1))));
    CHECK(panel.status().getHeight() == StatusBar::kLineHeight + StatusBar::kRemoteLineHeight);
    CHECK(panel.status().remoteLampText() == "REMOTE OK");
    CHECK(panel.status().remoteText().contains("loss 0.0 %"));
    CHECK(panel.status().remoteText().contains("jitter 0.8 ms"));
    CHECK(panel.status().remoteText().contains("buffer 6.2 ms"));
    CHECK(panel.status().remoteLimiterText().contains("your limiter idle"));
    CHECK_FALSE(panel.phones().limiting());

    auto loud = flowing(2, 30);
    loud.limiterReductionDb = 6.0f;
    loud.exposureWarning = true;
    loud.leqSpl = 84.0;
    panel.refresh(b.model.applyRemoteLink(meter.update(loud)));
    CHECK(panel.status().remoteLampText() == "REMOTE: LOSSY");
    CHECK(panel.status().remoteText().contains("loss 15.0 %"));
    CHECK(panel.status().remoteLimiterText().contains("your limiter -6.0 dB"));
    CHECK(panel.phones().limiting()); // the engine's limiter is idle: this is the headset's
    CHECK(panel.phones().warningText().contains("84 dB SPL"));

    panel.refresh(b.model.applyRemoteLink(meter.update(flowing(2, 30))));
    CHECK(panel.status().remoteLampText() == "REMOTE: NO FEED");
}

TEST_CASE("Command line: remote audio", "[booth][remote][options]")
{
    auto options = parseBoothOptions({"--remote-audio", "10.0.0.1:7100", "--remote-listen",
                                      "0.0.0.0:7200", "--spl-at-0dbfs", "118", "--audio-host-api",
                                      "JACK", "--audio-device", "USB"});
    REQUIRE(options);
    CHECK(options->remoteAudio.enabled());
    CHECK(options->remoteAudio.engine == "10.0.0.1:7100");
    CHECK(options->remoteAudio.listen == "0.0.0.0:7200");
    CHECK(options->remoteAudio.splAt0dBFS == 118.0);
    CHECK(options->remoteAudio.hostApi == "JACK");
    CHECK(options->remoteAudio.device == "USB");
    CHECK_FALSE(parseBoothOptions({})->remoteAudio.enabled());
    CHECK_FALSE(parseBoothOptions({"--remote-audio", "10.0.0.1:7100"})); // where is the feed?
    CHECK_FALSE(parseBoothOptions(
        {"--remote-audio", "a:1", "--remote-listen", "b:2", "--spl-at-0dbfs", "200"}));
    CHECK_FALSE(parseBoothOptions(
        {"--remote-audio", "a:1", "--remote-listen", "b:2", "--spl-at-0dbfs", "loud"}));
}
