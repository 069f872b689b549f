#include "LoopedInputs.h"

#include "WavFile.h"

#include <algorithm>
#include <utility>

namespace dragoman
{

LoopedInput::LoopedInput(std::vector<float> recording) : samples(std::move(recording))
{
    // An empty recording would make read() spin; readMonoFile refuses empty files, so this only
    // guards direct construction.
    if (samples.empty())
        samples.assign(1, 0.0f);
}

void LoopedInput::read(float* out, int n) noexcept
{
    auto wanted = static_cast<std::size_t>(std::max(n, 0));
    while (wanted > 0)
    {
        const auto count = std::min(wanted, samples.size() - position);
        const auto* begin = samples.data() + position;
        std::copy(begin, begin + count, out);
        out += count;
        wanted -= count;
        position += count;
        if (position == samples.size())
            position = 0;
    }
}

Result<LoopedInputs> LoopedInputs::load(const Floorplan& plan, const std::vector<InputFile>& files,
                                        int maxBlock)
{
    LoopedInputs inputs;
    inputs.capacity = maxBlock;
    for (const auto& file : files)
    {
        const std::string argument = file.endpoint + "=" + file.file.string();
        int seat = kFloor;
        if (file.endpoint != "floor")
        {
            const auto index = plan.seatIndex(file.endpoint);
            if (!index)
                return Error{"--in " + argument + ": no seat or floor named '" + file.endpoint +
                             "'"};
            seat = *index;
        }
        const bool taken = std::any_of(inputs.list.begin(), inputs.list.end(),
                                       [seat](const Feed& feed) { return feed.seat == seat; });
        if (taken)
            return Error{"--in " + argument + ": '" + file.endpoint + "' already has a file"};
        auto samples = readMonoFile(file.file, plan.session().sampleRate);
        if (!samples)
            return Error{samples.error()}; // it names the file
        inputs.list.push_back(Feed{seat, file.endpoint, file.file,
                                   LoopedInput(std::move(samples.value())),
                                   std::vector<float>(static_cast<std::size_t>(maxBlock), 0.0f)});
    }
    return inputs;
}

bool LoopedInputs::feedsFloor() const noexcept
{
    return feedsSeat(kFloor);
}

bool LoopedInputs::feedsSeat(int seat) const noexcept
{
    return std::any_of(list.begin(), list.end(),
                       [seat](const Feed& feed) { return feed.seat == seat; });
}

std::vector<LoopedInputs::Feed>& LoopedInputs::read(int n) noexcept
{
    for (auto& feed : list)
        feed.input.read(feed.block.data(), std::min(n, capacity));
    return list;
}

} // namespace dragoman
