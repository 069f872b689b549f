#include "drivers/WavFile.h"

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <utility>

namespace dragoman
{

Result<std::vector<float>> readMonoFile(const std::filesystem::path& file, int expectedSampleRate)
{
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return Error{name + ": no such file"};

    SF_INFO info{};
    std::unique_ptr<SNDFILE, SndfileCloser> handle(sf_open(file.string().c_str(), SFM_READ, &info));
    if (!handle)
        return Error{name + ": cannot read it as audio (" + sf_strerror(nullptr) + ")"};

    if (info.samplerate != expectedSampleRate)
        return Error{name + ": sample rate " + std::to_string(info.samplerate) +
                     " Hz, the session runs at " + std::to_string(expectedSampleRate) + " Hz"};
    if (info.channels != 1)
        return Error{name + " has " + std::to_string(info.channels) +
                     " channels; Dragoman takes mono inputs"};

    // Read in blocks until the end rather than trusting info.frames: some formats only
    // estimate it. Reserve from it, but not without limit: a damaged header must not trigger
    // a huge allocation.
    constexpr sf_count_t reserveLimit = sf_count_t{1} << 27; // ~46 minutes at 48 kHz
    std::vector<float> samples;
    if (info.frames > 0)
        samples.reserve(static_cast<std::size_t>(std::min(info.frames, reserveLimit)));
    std::array<float, 4096> block{};
    for (;;)
    {
        const sf_count_t got = sf_readf_float(handle.get(), block.data(), block.size());
        if (got <= 0)
            break;
        samples.insert(samples.end(), block.begin(), block.begin() + got);
    }
    if (sf_error(handle.get()) != SF_ERR_NO_ERROR)
        return Error{name + ": read failed after " + std::to_string(samples.size()) + " frames (" +
                     sf_strerror(handle.get()) + ")"};
    if (samples.empty())
        return Error{name + " has no audio (0 frames)"};
    return samples;
}

void SndfileCloser::operator()(sf_private_tag* file) const noexcept
{
    sf_close(file);
}

WavWriter::WavWriter(std::unique_ptr<sf_private_tag, SndfileCloser> file,
                     std::filesystem::path name)
    : handle(std::move(file)), path(std::move(name))
{
}

Result<WavWriter> WavWriter::create(const std::filesystem::path& file, int sampleRate)
{
    if (sampleRate <= 0)
        return Error{file.string() + ": invalid sample rate " + std::to_string(sampleRate)};

    SF_INFO info{};
    info.samplerate = sampleRate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    std::unique_ptr<SNDFILE, SndfileCloser> opened(
        sf_open(file.string().c_str(), SFM_WRITE, &info));
    if (!opened)
        return Error{file.string() + ": cannot write (" + sf_strerror(nullptr) + ")"};

    // libsndfile adds a PEAK chunk with the current time to float WAV files; without it two
    // renders of the same input are byte-identical and can be compared by checksum.
    sf_command(opened.get(), SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
    return WavWriter(std::move(opened), file);
}

void WavWriter::write(const float* samples, int count)
{
    if (!ok() || count <= 0)
        return;
    if (!handle)
    {
        errorMessage = path.string() + ": written after close";
        return;
    }
    const sf_count_t written = sf_write_float(handle.get(), samples, count);
    if (written != count)
        errorMessage = path.string() + ": write failed (" + sf_strerror(handle.get()) + ")";
}

void WavWriter::close()
{
    if (!handle)
        return;
    // sf_close writes the final chunk sizes into the header: a full disk can show only here.
    const int status = sf_close(handle.release());
    if (status != SF_ERR_NO_ERROR && ok())
        errorMessage = path.string() + ": close failed (" + sf_error_number(status) + ")";
}

} // namespace dragoman
