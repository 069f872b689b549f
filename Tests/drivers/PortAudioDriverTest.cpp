// The parts of the real-time driver that need no device: looped file inputs and the errors that
// open() gives before it touches a stream. Running on a device (JACK dummy server) is tested by
// Tests/programs/engine_on_jack.sh.

#include "drivers/PortAudioDriver.h"
#include "core/SessionFile.h"
#include "drivers/LoopedInputs.h"
#include "drivers/WavFile.h"
#include "engine/Engine.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#ifndef DRAGOMAN_ASSETS_DIR
#error "DRAGOMAN_ASSETS_DIR must name the Assets folder (the sessions live in Assets/sessions)"
#endif

using namespace dragoman;
namespace fs = std::filesystem;

namespace
{

struct ScratchDir
{
    fs::path path;

    ScratchDir()
    {
        std::random_device entropy;
        do
            path = fs::temp_directory_path() / ("dragoman-portaudio-" + std::to_string(entropy()));
        while (!fs::create_directory(path));
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

fs::path writeRamp(const fs::path& file, int frames)
{
    std::vector<float> samples(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i)
        samples[static_cast<std::size_t>(i)] = static_cast<float>(i + 1) / 1000.0f;
    auto writer = WavWriter::create(file, 48000);
    REQUIRE(writer.ok());
    writer->write(samples.data(), frames);
    writer->close();
    REQUIRE(writer->ok());
    return file;
}

Session minimalSession()
{
    auto session = loadSessionFile(fs::path(DRAGOMAN_ASSETS_DIR) / "sessions" / "minimal.yaml");
    REQUIRE(session.ok());
    return session.value();
}

} // namespace

TEST_CASE("A looped input starts over at the end of its recording", "[drivers][looped]")
{
    LoopedInput input({1.0f, 2.0f, 3.0f});
    std::vector<float> out(7, 0.0f);
    input.read(out.data(), 7);
    CHECK(out == std::vector<float>{1, 2, 3, 1, 2, 3, 1});
    input.read(out.data(), 2);
    CHECK(out[0] == 2.0f);
    CHECK(out[1] == 3.0f);
}

TEST_CASE("Looped inputs feed the floor and seats from files", "[drivers][looped]")
{
    ScratchDir dir;
    const Floorplan plan(minimalSession());
    const auto floor = writeRamp(dir.path / "floor.wav", 100);
    const auto mic = writeRamp(dir.path / "mic.wav", 10);

    SECTION("each feed keeps its own position")
    {
        auto inputs = LoopedInputs::load(plan, {{"floor", floor}, {"zh-1", mic}}, 64);
        REQUIRE(inputs.ok());
        CHECK(inputs->feedsFloor());
        CHECK(inputs->feedsSeat(*plan.seatIndex("zh-1")));
        CHECK_FALSE(inputs->feedsSeat(*plan.seatIndex("ru-1")));
        auto& feeds = inputs->read(64);
        REQUIRE(feeds.size() == 2);
        CHECK(feeds[0].seat == kFloor);
        CHECK(feeds[0].block[63] == Approx(0.064f));
        CHECK(feeds[1].block[10] == Approx(0.001f)); // the 10-sample file started over
        inputs->read(64);
        CHECK(feeds[0].block[0] == Approx(0.065f));
        CHECK(feeds[0].block[36] == Approx(0.001f)); // sample 100 of the floor is its first again
    }
    SECTION("an unknown endpoint is refused by name")
    {
        auto inputs = LoopedInputs::load(plan, {{"xx-1", mic}}, 64);
        REQUIRE_FALSE(inputs.ok());
        CHECK_THAT(inputs.error(), Catch::Contains("'xx-1'"));
    }
    SECTION("an endpoint given twice is refused")
    {
        auto inputs = LoopedInputs::load(plan, {{"zh-1", mic}, {"zh-1", floor}}, 64);
        REQUIRE_FALSE(inputs.ok());
        CHECK_THAT(inputs.error(), Catch::Contains("already has a file"));
    }
    SECTION("a missing file is refused with its name")
    {
        auto inputs = LoopedInputs::load(plan, {{"floor", dir.path / "nothing.wav"}}, 64);
        REQUIRE_FALSE(inputs.ok());
        CHECK_THAT(inputs.error(), Catch::Contains("nothing.wav"));
    }
}

TEST_CASE("An unknown host API is refused with the list of available ones", "[drivers][portaudio]")
{
    // Never start a JACK server from a test, whatever the machine's defaults.
    setenv("JACK_NO_START_SERVER", "1", 1);
    auto session = minimalSession();
    session.audio.hostApi = "NoSuchHostApi";
    Engine engine(session);
    auto driver = PortAudioDriver::open(engine, session.audio, LoopedInputs{});
    REQUIRE_FALSE(driver.ok());
    CHECK_THAT(driver.error(), Catch::Contains("'NoSuchHostApi'") && Catch::Contains("available:"));
}
