#pragma once
// Audio files for the offline driver: it reads the floor and microphone inputs of a render and
// writes every channel it produces. libsndfile allocates and does disk I/O, so everything here
// belongs to the control thread or the offline render thread, never to a real-time callback.

#include "core/Result.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct sf_private_tag; // libsndfile's SNDFILE, kept out of this header

namespace dragoman
{

// Closes a libsndfile handle; lets std::unique_ptr own one.
struct SndfileCloser
{
    void operator()(sf_private_tag* file) const noexcept;
};

// Reads a whole mono file in any format libsndfile reads (WAV, FLAC, Ogg Opus, ...) as floats
// in [-1, 1]. The engine does not resample, so a file at another rate is refused, as are
// multichannel files (a floor mix must come already mixed down), empty and unreadable files;
// every message names the file.
Result<std::vector<float>> readMonoFile(const std::filesystem::path& file, int expectedSampleRate);

// Writes a mono 32-bit float WAV file. Identical samples give byte-identical files (no PEAK
// chunk timestamp), so renders can be compared with a checksum. A disk error makes the writer
// stop writing and keep the first message: check ok() after close().
// Not thread-safe; one thread at a time.
class WavWriter
{
public:
    static Result<WavWriter> create(const std::filesystem::path& file, int sampleRate);

    WavWriter(WavWriter&&) noexcept = default;
    WavWriter& operator=(WavWriter&&) noexcept = default;
    ~WavWriter() = default; // the handle's deleter closes the file; errors there go unseen

    void write(const float* samples, int count);

    // Finishes the header and closes the file; a failure here (disk full) shows in ok().
    void close();

    bool ok() const { return errorMessage.empty(); }
    const std::string& error() const { return errorMessage; }

private:
    WavWriter(std::unique_ptr<sf_private_tag, SndfileCloser> file, std::filesystem::path name);

    std::unique_ptr<sf_private_tag, SndfileCloser> handle;
    std::filesystem::path path;
    std::string errorMessage;
};

} // namespace dragoman
