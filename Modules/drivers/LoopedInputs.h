#pragma once
// Recorded audio played in a loop into engine inputs: `dragoman engine --in floor=F.wav` feeds the
// floor (or a seat's microphone) from a file instead of a device channel, so that a meeting can be
// rehearsed, demonstrated or tested without microphones. Files are decoded completely before the
// stream starts, because decoding allocates and reads the disk.
//
// Threads: load() on the control thread, before the audio stream starts. read() and the feed
// accessors on the audio thread only, while the stream runs; they never allocate or block.

#include "core/Floorplan.h"
#include "core/Result.h"
#include "core/Realtime.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace dragoman
{

// One `--in ID=FILE`: ID is "floor" or a seat id.
struct InputFile
{
    std::string endpoint;
    std::filesystem::path file;
};

// A whole recording and a read position that wraps around at its end.
class LoopedInput
{
public:
    explicit LoopedInput(std::vector<float> recording);

    // Copies the next n samples into `out`, starting over at the end of the recording.
    void read(float* out, int n) noexcept DRAGOMAN_NONBLOCKING;
    std::size_t length() const noexcept { return samples.size(); }

private:
    std::vector<float> samples; // never empty
    std::size_t position = 0;
};

class LoopedInputs
{
public:
    struct Feed
    {
        int seat = kFloor; // kFloor: the floor; otherwise the seat whose microphone it replaces
        std::string endpoint;
        std::filesystem::path file;
        LoopedInput input;
        std::vector<float> block; // the current block, maxBlock samples
    };

    LoopedInputs() = default;

    // Reads every file (any format readMonoFile takes, at the session's rate). Refuses unknown
    // endpoints and an endpoint given twice; messages name the `--in` argument.
    static Result<LoopedInputs> load(const Floorplan& plan, const std::vector<InputFile>& files,
                                     int maxBlock);

    // Control thread: whether an endpoint ("floor" or seat index) comes from a file.
    bool feedsFloor() const noexcept;
    bool feedsSeat(int seat) const noexcept;
    const std::vector<Feed>& feeds() const noexcept { return list; }
    int maxBlock() const noexcept { return capacity; }

    // Audio thread: advances every feed by n <= maxBlock() frames; each feed's block then holds
    // them. Returns the feeds so the caller can point the engine's inputs at the blocks.
    std::vector<Feed>& read(int n) noexcept DRAGOMAN_NONBLOCKING;

private:
    std::vector<Feed> list;
    int capacity = 0;
};

} // namespace dragoman
