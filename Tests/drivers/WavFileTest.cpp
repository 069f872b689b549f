#include "drivers/WavFile.h"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <cmath>
#include <csignal>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#ifdef __unix__
#include <sys/resource.h>
#endif

#ifndef DRAGOMAN_ASSETS_DIR
#error "DRAGOMAN_ASSETS_DIR must name the Assets folder (the demo clips live in Assets/demo)"
#endif

using namespace dragoman;
namespace fs = std::filesystem;

namespace
{

constexpr int sessionRate = 48000;

// A fresh folder under the system temp dir, removed with everything in it at the end of a test,
// so tests can run in parallel and leave nothing behind.
struct TempDir
{
    fs::path path;

    TempDir()
    {
        std::random_device entropy;
        do
            path = fs::temp_directory_path() / ("dragoman-wavfile-" + std::to_string(entropy()));
        while (!fs::create_directory(path));
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::vector<float> tone(int frames)
{
    std::vector<float> samples(static_cast<std::size_t>(frames));
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i] = 0.5f * std::sin(2.0f * 3.14159265f * 440.0f * static_cast<float>(i) /
                                     static_cast<float>(sessionRate));
    return samples;
}

void writeWav(const fs::path& file, const std::vector<float>& samples, int rate)
{
    auto writer = WavWriter::create(file, rate);
    REQUIRE(writer.ok());
    writer->write(samples.data(), static_cast<int>(samples.size()));
    writer->close();
    REQUIRE(writer->ok());
}

#ifdef __unix__
// Lowers this process's file size limit for its lifetime. Writing past it fails with EFBIG
// once SIGXFSZ (which would end the process) is ignored.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &saved);
        rlimit lowered = saved;
        lowered.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &lowered);
        savedHandler = std::signal(SIGXFSZ, SIG_IGN);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, savedHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit saved{};
    void (*savedHandler)(int) = nullptr;
};
#endif

std::string bytesOf(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("WavWriter output reads back sample for sample", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "channel-en.wav";
    const std::vector<float> samples = tone(10000);

    auto writer = WavWriter::create(file, sessionRate);
    REQUIRE(writer.ok());
    // Several writes of odd sizes, as the offline driver writes one block at a time.
    writer->write(samples.data(), 4000);
    writer->write(samples.data() + 4000, 3333);
    writer->write(samples.data() + 7333, 2667);
    writer->close();
    REQUIRE(writer->ok());

    SF_INFO info{};
    SNDFILE* raw = sf_open(file.c_str(), SFM_READ, &info);
    REQUIRE(raw != nullptr);
    sf_close(raw);
    CHECK(info.format == (SF_FORMAT_WAV | SF_FORMAT_FLOAT));
    CHECK(info.channels == 1);

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE(read.ok());
    CHECK(read.value() == samples); // float WAV is lossless
}

TEST_CASE("readMonoFile refuses another sample rate", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "floor.wav";
    writeWav(file, tone(480), 44100);

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error() == file.string() + ": sample rate 44100 Hz, the session runs at 48000 Hz");
}

TEST_CASE("readMonoFile refuses a stereo file", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "floor.wav";
    SF_INFO info{};
    info.samplerate = sessionRate;
    info.channels = 2;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* raw = sf_open(file.c_str(), SFM_WRITE, &info);
    REQUIRE(raw != nullptr);
    const std::vector<float> frames(2 * 480, 0.25f);
    sf_writef_float(raw, frames.data(), 480);
    sf_close(raw);

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error() == file.string() + " has 2 channels; Dragoman takes mono inputs");
}

TEST_CASE("readMonoFile refuses a missing file", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "no-such-floor.wav";

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error() == file.string() + ": no such file");
}

TEST_CASE("readMonoFile refuses a file that is not audio", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "notes.wav";
    std::ofstream(file) << "these are an interpreter's notes, not audio\n";

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE_FALSE(read.ok());
    CHECK_THAT(read.error(), Catch::StartsWith(file.string() + ": cannot read it as audio"));
}

TEST_CASE("readMonoFile refuses a file without frames", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "empty.wav";
    writeWav(file, {}, sessionRate);

    const auto read = readMonoFile(file, sessionRate);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error() == file.string() + " has no audio (0 frames)");
}

TEST_CASE("Two renders of the same samples are byte-identical", "[drivers][wav]")
{
    TempDir dir;
    const std::vector<float> samples = tone(48000);
    writeWav(dir.path / "first.wav", samples, sessionRate);
    writeWav(dir.path / "second.wav", samples, sessionRate);

    const std::string first = bytesOf(dir.path / "first.wav");
    CHECK(first.size() > samples.size() * sizeof(float));
    CHECK(first == bytesOf(dir.path / "second.wav"));
    // The PEAK chunk is what carries a timestamp: it must not be there at all.
    CHECK(first.find("PEAK") == std::string::npos);
}

TEST_CASE("WavWriter reports a file it cannot create", "[drivers][wav]")
{
    TempDir dir;
    const fs::path file = dir.path / "no-such-folder" / "channel-ru.wav";

    const auto writer = WavWriter::create(file, sessionRate);
    REQUIRE_FALSE(writer.ok());
    CHECK_THAT(writer.error(), Catch::StartsWith(file.string() + ": cannot write"));
}

TEST_CASE("WavWriter reports a disk that is full when it opens", "[drivers][wav]")
{
    // /dev/full fails every write with ENOSPC; libsndfile writes the header while opening.
    if (!fs::exists("/dev/full"))
        return;
    const auto writer = WavWriter::create("/dev/full", sessionRate);
    REQUIRE_FALSE(writer.ok());
    CHECK_THAT(writer.error(), Catch::StartsWith("/dev/full: cannot write"));
}

#ifdef __unix__
TEST_CASE("WavWriter reports a disk that fills up while it writes", "[drivers][wav]")
{
    // A file size limit makes write() fail part way, as a recorder's disk filling up would.
    TempDir dir;
    const fs::path file = dir.path / "channel-zh.wav";
    auto writer = WavWriter::create(file, sessionRate);
    REQUIRE(writer.ok());
    const std::vector<float> samples = tone(48000); // 192 kB, over the limit below
    {
        FileSizeLimit limit(64 * 1024);
        writer->write(samples.data(), static_cast<int>(samples.size()));
    }
    REQUIRE_FALSE(writer->ok());
    CHECK_THAT(writer->error(), Catch::StartsWith(file.string() + ": write failed"));

    // The first error stays; later blocks are dropped instead of writing a file with a hole.
    const std::string first = writer->error();
    writer->write(samples.data(), 480);
    writer->close();
    CHECK(writer->error() == first);
}
#endif

TEST_CASE("The demo clips load at the session rate", "[drivers][wav][assets]")
{
    const fs::path demo = fs::path(DRAGOMAN_ASSETS_DIR) / "demo";
    const char* const clips[] = {
        "floor-ru",  "floor-en",  "floor-kk",  "interp-ru", "interp-zh", "interp-en", "interp-kk",
        "interp-hi", "interp-ur", "interp-fa", "interp-uz", "interp-ky", "interp-tg", "interp-be",
    };
    for (const char* clip : clips)
    {
        const fs::path file = demo / (std::string(clip) + ".opus");
        INFO(file.string());
        const auto read = readMonoFile(file, sessionRate);
        REQUIRE(read.ok());
        const auto& samples = read.value();
        const double seconds = static_cast<double>(samples.size()) / sessionRate;
        CHECK(seconds > 6.0);
        CHECK(seconds < 16.0);

        // make-clips.sh levels speech to -20 dBFS RMS; the decoder must not change that much.
        double sumOfSquares = 0.0;
        for (float s : samples)
            sumOfSquares += static_cast<double>(s) * s;
        const double rmsDb = 10.0 * std::log10(sumOfSquares / static_cast<double>(samples.size()));
        CHECK(rmsDb == Approx(-20.0).margin(1.0));
    }
}
