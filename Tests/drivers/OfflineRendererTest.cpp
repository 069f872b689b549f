// The offline driver: the demo meeting rendered to files, twice, bit for bit; bad inputs refused.

#include "drivers/OfflineRenderer.h"
#include "core/SessionFile.h"
#include "drivers/WavFile.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

using namespace dragoman;

namespace
{

std::filesystem::path freshDir(const std::string& name)
{
    static std::mt19937_64 random{std::random_device{}()};
    auto dir = std::filesystem::temp_directory_path() /
               ("dragoman-" + name + "-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    return dir;
}

std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::filesystem::path assets = DRAGOMAN_ASSETS_DIR;

Engine astanaEngine()
{
    auto session = loadSessionFile(assets / "sessions" / "astana.yaml");
    REQUIRE(session.ok());
    return Engine(std::move(session.value()));
}

RenderJob demoJob(const Engine& engine, const std::filesystem::path& out, double seconds)
{
    RenderJob job;
    job.inputs = {{"floor", assets / "demo" / "floor-demo.opus"},
                  {"en-1", assets / "demo" / "interp-en.opus"},
                  {"en-2", assets / "demo" / "interp-en.opus"},
                  {"zh-1", assets / "demo" / "interp-zh.opus"},
                  {"kk-2", assets / "demo" / "interp-kk.opus"}};
    auto script = loadEventScript(assets / "demo" / "astana.events", engine.floorplan());
    REQUIRE(script.ok());
    job.script = script.value();
    job.seconds = seconds;
    job.outDir = out;
    return job;
}

void writeTone(const std::filesystem::path& path, int rate, int channels)
{
    std::ofstream out(path, std::ios::binary);
    REQUIRE(out);
    // A minimal 16-bit PCM WAV written by hand, so the test does not depend on the writer under
    // test.
    const std::uint32_t frames = 4800;
    const std::uint32_t dataBytes = frames * 2 * channels;
    auto put32 = [&](std::uint32_t v)
    {
        out.write(reinterpret_cast<const char*>(&v), 4);
    };
    auto put16 = [&](std::uint16_t v)
    {
        out.write(reinterpret_cast<const char*>(&v), 2);
    };
    out.write("RIFF", 4);
    put32(36 + dataBytes);
    out.write("WAVEfmt ", 8);
    put32(16);
    put16(1);
    put16(static_cast<std::uint16_t>(channels));
    put32(static_cast<std::uint32_t>(rate));
    put32(static_cast<std::uint32_t>(rate * 2 * channels));
    put16(static_cast<std::uint16_t>(2 * channels));
    put16(16);
    out.write("data", 4);
    put32(dataBytes);
    for (std::uint32_t i = 0; i < frames * channels; ++i)
        put16(static_cast<std::uint16_t>(i * 37));
}

} // namespace

TEST_CASE("Rendering the demo meeting writes every channel, seat and the event log", "[render]")
{
    auto engine = astanaEngine();
    const auto out = freshDir("render");
    auto summary = renderOffline(engine, demoJob(engine, out, 12.0));
    REQUIRE(summary.ok());
    CHECK(summary->frames == 12 * 48000);
    CHECK(std::filesystem::exists(out / "channel-floor.wav"));
    for (const auto& channel : engine.floorplan().session().channels)
        CHECK(std::filesystem::exists(out / ("channel-" + channel.id + ".wav")));
    for (int s = 0; s < engine.floorplan().seatCount(); ++s)
        CHECK(std::filesystem::exists(out / ("seat-" + engine.floorplan().seatId(s) + ".wav")));
    CHECK(std::filesystem::exists(out / "monitor.wav"));

    const auto log = slurp(out / "events.jsonl");
    CHECK_THAT(log, Catch::Contains(R"("type":"mic-on")"));
    CHECK_THAT(log, Catch::Contains(R"("reason":"interlock-in-booth")"));
    CHECK_THAT(log, Catch::Contains(R"("type":"cough-on")"));

    auto english = readMonoFile(out / "channel-en.wav", 48000);
    REQUIRE(english.ok());
    CHECK(english->size() == 12u * 48000u);
    std::filesystem::remove_all(out);
}

TEST_CASE("monitor.wav is silent until the script picks a source, then carries it",
          "[render][monitor]")
{
    auto engine = astanaEngine();
    const auto out = freshDir("monitor");
    RenderJob job;
    job.inputs = {{"floor", assets / "demo" / "floor-demo.opus"},
                  {"en-1", assets / "demo" / "interp-en.opus"}};
    auto script = parseEventScript("0.0 seat en-1 mic on\n1.0 monitor channel en\n",
                                   "monitor.events", engine.floorplan());
    REQUIRE(script.ok());
    job.script = script.value();
    job.seconds = 2.0;
    job.outDir = out;
    REQUIRE(renderOffline(engine, job).ok());

    auto monitor = readMonoFile(out / "monitor.wav", 48000);
    auto english = readMonoFile(out / "channel-en.wav", 48000);
    REQUIRE(monitor.ok());
    REQUIRE(english.ok());
    REQUIRE(monitor->size() == 2u * 48000u);
    CHECK(std::all_of(monitor->begin(), monitor->begin() + 48000, [](float x) { return x == 0; }));
    // After the 10 ms crossfade the monitor is the channel, sample for sample.
    CHECK(std::equal(monitor->begin() + 49000, monitor->end(), english->begin() + 49000));
    CHECK(std::any_of(english->begin() + 49000, english->end(), [](float x) { return x != 0; }));
    CHECK_THAT(slurp(out / "events.jsonl"),
               Catch::Contains(R"("source":"channel:en","t":1.0,"type":"monitor-changed")"));
    std::filesystem::remove_all(out);
}

TEST_CASE("The same render twice is bit-identical", "[render][determinism]")
{
    const auto first = freshDir("first");
    const auto second = freshDir("second");
    for (const auto& dir : {first, second})
    {
        auto engine = astanaEngine();
        REQUIRE(renderOffline(engine, demoJob(engine, dir, 20.0)).ok());
    }
    for (const auto& entry : std::filesystem::directory_iterator(first))
    {
        INFO(entry.path().filename());
        CHECK(slurp(entry.path()) == slurp(second / entry.path().filename()));
    }
    std::filesystem::remove_all(first);
    std::filesystem::remove_all(second);
}

TEST_CASE("Inputs of another rate or channel count are refused with the file's name",
          "[render][errors]")
{
    const auto dir = freshDir("bad");
    writeTone(dir / "cd.wav", 44100, 1);
    writeTone(dir / "stereo.wav", 48000, 2);
    auto engine = astanaEngine();
    RenderJob job;
    job.outDir = dir / "out";
    job.seconds = 1.0;

    job.inputs = {{"floor", dir / "cd.wav"}};
    auto rate = renderOffline(engine, job);
    REQUIRE_FALSE(rate.ok());
    CHECK_THAT(rate.error(), Catch::Contains("cd.wav") && Catch::Contains("44100"));

    job.inputs = {{"floor", dir / "stereo.wav"}};
    auto stereo = renderOffline(engine, job);
    REQUIRE_FALSE(stereo.ok());
    CHECK_THAT(stereo.error(), Catch::Contains("stereo.wav") && Catch::Contains("2 channels"));

    job.inputs = {{"podium", dir / "stereo.wav"}};
    auto unknown = renderOffline(engine, job);
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.error(), Catch::Contains("no seat or floor named 'podium'"));

    job.inputs = {};
    job.seconds = 0.0;
    CHECK_FALSE(renderOffline(engine, job).ok());
    std::filesystem::remove_all(dir);
}

TEST_CASE("Refused script lines appear in the event log at their time", "[render][errors]")
{
    auto engine = astanaEngine();
    auto script = parseEventScript("0.5 seat nobody mic on\n", "bad.events", engine.floorplan());
    REQUIRE(script.ok());
    RenderJob job;
    job.script = script.value();
    job.seconds = 1.0;
    job.outDir = freshDir("refused");
    auto summary = renderOffline(engine, job);
    REQUIRE(summary.ok());
    CHECK(summary->refusedCommands == 1);
    const auto log = slurp(job.outDir / "events.jsonl");
    CHECK_THAT(log, Catch::Contains(R"("type":"command-refused")") &&
                        Catch::Contains("unknown seat 'nobody'") && Catch::Contains(R"("t":0.5)"));
    std::filesystem::remove_all(job.outDir);
}
