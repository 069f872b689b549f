// The booth console's views without a display: clicking each key sends its call, the keyboard
// shortcuts work, and the engine's state (live, engaged, relay depth, listeners, warnings, floor
// quality, partner) shows.

#include "views/BoothPanel.h"
#include "BoothFixture.h"

using namespace dragoman::booth;
using namespace dragoman::booth::test;

namespace
{

struct Console : Booth
{
    BoothPanel panel{model, actions};

    explicit Console(const std::string& seat = "en-2") : Booth(seat)
    {
        panel.setSize(1024, 600);
        panel.refresh(~0u);
    }
    void update() { panel.refresh(push() | changeMeters); }
    // A press and release of the mouse in the middle of a component, as a finger would.
    static void tap(juce::Component& c)
    {
        const auto centre = c.getLocalBounds().getCentre().toFloat();
        auto source = juce::Desktop::getInstance().getMainMouseSource();
        const auto time = juce::Time::getCurrentTime();
        const juce::MouseEvent down(source, centre, juce::ModifierKeys::leftButtonModifier, 1.0f, 0,
                                    0, 0, 0, &c, &c, time, centre, time, 1, false);
        c.mouseDown(down);
        c.mouseUp(down.withNewPosition(centre));
    }
    // Every component painted into an image: nothing throws, nothing is drawn outside. With
    // DRAGOMAN_BOOTH_SNAPSHOT_DIR set the picture is kept as NAME.png: a quick look at the layout
    // without an engine or a display.
    juce::Image snapshot(const juce::String& name = "panel")
    {
        auto image = panel.createComponentSnapshot(panel.getLocalBounds());
        const auto dir =
            juce::SystemStats::getEnvironmentVariable("DRAGOMAN_BOOTH_SNAPSHOT_DIR", {});
        if (dir.isNotEmpty())
        {
            const auto file = juce::File(dir).getChildFile(name + ".png");
            file.deleteFile();
            juce::FileOutputStream stream(file);
            juce::PNGImageFormat().writeImageToStream(image, stream);
        }
        return image;
    }
};

} // namespace

TEST_CASE("Every key of the console sends its call", "[booth][views]")
{
    Console c;
    const auto method = [&]
    {
        return c.sink.last().method;
    };

    Console::tap(c.panel.onAir().micKey());
    CHECK(method() == "seat.mic");
    CHECK(c.sink.last().params["on"] == true);

    auto& cough = c.panel.onAir().coughKey();
    const auto centre = cough.getLocalBounds().getCentre().toFloat();
    auto source = juce::Desktop::getInstance().getMainMouseSource();
    const auto time = juce::Time::getCurrentTime();
    const juce::MouseEvent press(source, centre, {}, 1.0f, 0, 0, 0, 0, &cough, &cough, time, centre,
                                 time, 1, false);
    cough.mouseDown(press);
    CHECK(method() == "seat.cough");
    CHECK(c.sink.last().params["on"] == true); // muted while held
    cough.mouseUp(press);
    CHECK(c.sink.last().params["on"] == false);

    REQUIRE(c.panel.onAir().outputKey(1).isVisible());
    CHECK_FALSE(c.panel.onAir().outputKey(2).isVisible()); // booth en has no C
    Console::tap(c.panel.onAir().outputKey(1));
    CHECK(method() == "seat.output");
    CHECK(c.sink.last().params["output"] == "B");

    for (const std::string listenSource : {"floor", "auto", "kk", "zh"})
    {
        auto* key = c.panel.listen().key(listenSource);
        REQUIRE(key != nullptr);
        Console::tap(*key);
        CHECK(method() == "seat.listen");
        CHECK(c.sink.last().params["source"] == listenSource);
    }

    c.panel.phones().volume().setValue(-10.0, juce::sendNotificationSync);
    CHECK(method() == "seat.volume");
    CHECK(c.sink.last().params["db"] == -10.0);
    c.panel.phones().bass().setValue(4.0, juce::sendNotificationSync);
    CHECK(method() == "seat.bass");
    c.panel.phones().treble().setValue(-3.0, juce::sendNotificationSync);
    CHECK(method() == "seat.treble");

    Console::tap(c.panel.messages().slowDownKey());
    CHECK(c.sink.last().params["kind"] == "slow-down");
    Console::tap(c.panel.messages().technicianKey());
    CHECK(c.sink.last().params["kind"] == "call-technician");
    c.panel.messages().editor().setText("please check the floor microphone");
    c.panel.messages().toTechnician().triggerClick();
    juce::MessageManager::getInstance()->runDispatchLoopUntil(50); // triggerClick is async
    CHECK(c.sink.last().params["text"] == "please check the floor microphone");
    CHECK(c.sink.last().params["to"] == "technician");
    c.panel.messages().editor().setText("your turn in 5 min");
    c.panel.messages().toPartner().triggerClick();
    juce::MessageManager::getInstance()->runDispatchLoopUntil(50);
    CHECK(c.sink.last().params["to"] == "seat:en-1");

    Console::tap(c.panel.handover().requestKey());
    CHECK(c.sink.last().params["kind"] == "handover-request");
}

TEST_CASE("Keyboard: Space and M for the mic, C held for cough, H for handover", "[booth][views]")
{
    Console c;
    CHECK(c.panel.keyPressed(juce::KeyPress(juce::KeyPress::spaceKey)));
    CHECK(c.sink.last().method == "seat.mic");
    CHECK(c.panel.keyPressed(juce::KeyPress('m')));
    CHECK(c.sink.calls.size() == 2);

    c.sink.calls.clear();
    CHECK(c.panel.keyPressed(juce::KeyPress('c')));
    CHECK(c.panel.keyPressed(juce::KeyPress('c'))); // auto-repeat while held
    REQUIRE(c.sink.calls.size() == 1);
    CHECK(c.sink.last().params["on"] == true);
    c.panel.keyStateChanged(false); // released (no key is down in a headless test)
    REQUIRE(c.sink.calls.size() == 2);
    CHECK(c.sink.last().params["on"] == false);

    setLive(c.engine, "en-1", "en");
    c.update();
    CHECK(c.panel.keyPressed(juce::KeyPress('h')));
    CHECK(c.sink.last().method == "seat.handover");
    CHECK_FALSE(c.panel.keyPressed(juce::KeyPress('x')));
}

TEST_CASE("The console shows the engine's state", "[booth][views]")
{
    Console c;
    CHECK(c.panel.status().identityText().contains("en-2"));
    CHECK(c.panel.status().identityText().contains("EN English"));
    CHECK(c.panel.status().listenersText() == "3 listeners");
    CHECK(c.panel.onAir().micKey().title() == "MIC OFF");
    CHECK_FALSE(c.panel.onAir().micKey().lit());
    CHECK(c.panel.floor().bandwidthText() == "14.8 kHz");
    CHECK_FALSE(c.panel.floor().poor());
    CHECK(c.panel.listen().key("floor")->title() == "FLOOR  RU");

    SECTION("live")
    {
        setLive(c.engine, "en-2", "en");
        c.update();
        CHECK(c.panel.onAir().micKey().title() == "ON AIR");
        CHECK(c.panel.onAir().micKey().lit());
        CHECK(c.panel.handover().timerText().startsWith("Your turn"));
    }
    SECTION("engaged by another booth, and the refusal")
    {
        seatIn(c.engine, "en-2")["channel"] = "ru";
        seatIn(c.engine, "en-2")["output"] = "B";
        seatIn(c.engine, "kk-1")["channel"] = "ru";
        setLive(c.engine, "kk-1", "ru");
        c.update();
        c.panel.refresh(c.model.applyEvent({{"type", "mic-refused"},
                                            {"seat", "en-2"},
                                            {"channel", "ru"},
                                            {"reason", "interlock-between-booths"},
                                            {"by", "kk-1"}}));
        CHECK(c.panel.onAir().engagedText() == "ENGAGED by booth kk (kk-1)");
        CHECK(c.panel.onAir().refusalText().contains("engaged by kk-1"));
        CHECK(c.panel.onAir().outputKey(1).lit());
    }
    SECTION("relay keys show live and depth")
    {
        channelIn(c.engine, "kk")["holder"] = "kk-1";
        channelIn(c.engine, "kk")["depth"] = 2;
        channelIn(c.engine, "zh")["holder"] = "zh-1";
        channelIn(c.engine, "zh")["depth"] = 3;
        c.update();
        CHECK(c.panel.listen().key("kk")->dotShown());
        CHECK(c.panel.listen().key("kk")->badge() == "+ relay");
        CHECK(c.panel.listen().key("zh")->badge() == "double relay");
        CHECK_FALSE(c.panel.listen().key("floor")->dotShown());
    }
    SECTION("warnings: limiter, exposure, poor and clipping floor")
    {
        seatIn(c.engine, "en-2")["exposure_warning"] = true;
        seatIn(c.engine, "en-2")["leq_db_spl"] = 84.0;
        seatIn(c.engine, "en-2")["limiter_db"] = 6.0; // a reduction, as the engine reports it
        c.engine["floor_quality"] = {
            {"level_db", -3.0}, {"clipping", true}, {"bandwidth_hz", 3400}};
        c.update();
        CHECK(c.panel.phones().warningText().contains("84 dB SPL"));
        CHECK(c.panel.phones().limiting());
        CHECK(c.panel.floor().poor());
        CHECK(c.panel.floor().clipping());
        CHECK(c.panel.floor().bandwidthText() == "3.4 kHz");
    }
    SECTION("the partner's live state and the handover stage")
    {
        setLive(c.engine, "en-1", "en");
        c.update();
        CHECK(c.panel.handover().partnerText() == "en-1  LIVE");
        c.panel.refresh(
            c.model.applyMessage({{"id", 2}, {"from", "seat:en-1"}, {"kind", "handover-request"}}));
        CHECK(c.panel.handover().stageText() == "en-1 asks you to take over");
        CHECK(c.panel.handover().acceptKey().lit());
        CHECK(c.panel.messages().shownLines()[0] == "en-1: handover?");
    }
    SECTION("offline")
    {
        c.panel.refresh(c.model.setConnection(false, "connection refused"));
        CHECK(c.panel.status().connectionText() == "OFFLINE: connection refused");
    }
    static int shown = 0; // one picture per section
    const auto image = c.snapshot("state-" + juce::String(++shown));
    CHECK(image.getWidth() == 1024);
    CHECK(image.getHeight() == 600);
}

TEST_CASE("The states of the screenshots render at 1024x600", "[booth][views][screenshots]")
{
    // With DRAGOMAN_BOOTH_SNAPSHOT_DIR set these are kept as booth-STATE.png: the same panel the
    // program draws, without an engine or a display.
    const auto state = [](const std::string& name, auto&& prepare)
    {
        Console c;
        channelIn(c.engine, "kk")["holder"] = "kk-1";
        channelIn(c.engine, "kk")["depth"] = 2;
        channelIn(c.engine, "kk")["carries"] = "seat";
        channelIn(c.engine, "zh")["holder"] = "zh-1";
        channelIn(c.engine, "zh")["depth"] = 3;
        channelIn(c.engine, "zh")["carries"] = "seat";
        c.model.applyMeters({{"seats", {{"en-2", {{"phones_db", -18.0}, {"limiter_db", 0.0}}}}},
                             {"channels", {{"floor", {{"peak_db", -12.0}}}}}});
        prepare(c);
        c.update();
        const auto image = c.snapshot("booth-" + juce::String(name));
        CHECK(image.getWidth() == 1024);
    };
    state("idle", [](Console&) {});
    state("live",
          [](Console& c)
          {
              setLive(c.engine, "en-2", "en");
              c.push();
              c.clock += 754.0; // 12:34 into the turn
          });
    state("engaged",
          [](Console& c)
          {
              seatIn(c.engine, "en-2")["channel"] = "ru";
              seatIn(c.engine, "en-2")["output"] = "B";
              seatIn(c.engine, "kk-1")["channel"] = "ru";
              setLive(c.engine, "kk-1", "ru");
              c.model.applyEvent({{"type", "mic-refused"},
                                  {"seat", "en-2"},
                                  {"channel", "ru"},
                                  {"reason", "interlock-between-booths"},
                                  {"by", "kk-1"}});
          });
    state("relay",
          [](Console& c)
          {
              seatIn(c.engine, "en-2")["listen"] = "kk";
              seatIn(c.engine, "en-2")["source"] = "kk";
              setLive(c.engine, "en-2", "en");
              channelIn(c.engine, "en")["depth"] = 3;
          });
    state("handover",
          [](Console& c)
          {
              setLive(c.engine, "en-1", "en");
              c.push();
              c.clock += 1795.0;
              c.model.applyMessage(
                  {{"id", 4}, {"from", "seat:en-1"}, {"kind", "handover-request"}, {"text", ""}});
              c.model.applyMessage({{"id", 5},
                                    {"from", "technician"},
                                    {"kind", "text"},
                                    {"text", "Speaker changes at 11:30"}});
          });
    state("poor",
          [](Console& c)
          {
              c.engine["floor_quality"] = {
                  {"level_db", -30.0}, {"clipping", false}, {"bandwidth_hz", 3400}};
          });
    state("remote",
          [](Console& c)
          {
              setLive(c.engine, "en-2", "en");
              RemoteAudioCounters counters;
              counters.micPackets = counters.feedDatagrams = counters.feedReceived = 400;
              counters.jitterMs = 0.4;
              counters.bufferDelayMs = 9.7;
              counters.limiterReductionDb = 7.4f;
              counters.leqSpl = 93.0;
              counters.exposureWarning = true;
              RemoteLinkMeter meter;
              c.model.applyRemoteLink(meter.update(counters));
              c.panel.refresh(changeRemote);
              CHECK(c.panel.phones().limiting());
              CHECK(c.panel.status().getHeight() > StatusBar::kLineHeight);
          });
    state("warning",
          [](Console& c)
          {
              setLive(c.engine, "en-2", "en");
              seatIn(c.engine, "en-2")["exposure_warning"] = true;
              seatIn(c.engine, "en-2")["leq_db_spl"] = 83.0;
              seatIn(c.engine, "en-2")["limiter_db"] = 7.5;
              seatIn(c.engine, "en-2")["volume_db"] = 12;
              c.engine["floor_quality"] = {
                  {"level_db", -2.0}, {"clipping", true}, {"bandwidth_hz", 3400}};
          });
}
