#include "OfflineRenderer.h"

#include "WavFile.h"
#include "core/Event.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace dragoman
{

namespace
{

struct LoadedInputs
{
    std::vector<float> floor;
    std::vector<std::vector<float>> seats;
    std::size_t longest = 0;
};

Result<LoadedInputs> loadInputs(const Floorplan& plan, const std::vector<RenderInput>& inputs)
{
    LoadedInputs loaded;
    loaded.seats.resize(plan.seatCount());
    for (const auto& input : inputs)
    {
        std::vector<float>* target = nullptr;
        if (input.endpoint == "floor")
            target = &loaded.floor;
        else if (const auto seat = plan.seatIndex(input.endpoint))
            target = &loaded.seats[*seat];
        else
            return Error{"--in " + input.endpoint + "=" + input.file.string() +
                         ": no seat or floor named '" + input.endpoint + "'"};
        auto samples = readMonoFile(input.file, plan.session().sampleRate);
        if (!samples)
            return Error{samples.error()};
        *target = std::move(samples.value());
        loaded.longest = std::max(loaded.longest, target->size());
    }
    return loaded;
}

// Copies [position, position + n) of a recording into `block`, silence past its end.
const float* slice(const std::vector<float>& recording, std::int64_t position, int n,
                   std::vector<float>& block)
{
    if (recording.empty())
        return nullptr;
    std::fill(block.begin(), block.begin() + n, 0.0f);
    const auto begin = static_cast<std::size_t>(position);
    if (begin < recording.size())
    {
        const auto count = std::min<std::size_t>(n, recording.size() - begin);
        std::copy_n(recording.begin() + static_cast<std::ptrdiff_t>(begin), count, block.begin());
    }
    return block.data();
}

// Every output file in BlockIo's order: the floor, each channel, each seat, the monitor.
class Outputs
{
public:
    static Result<Outputs> open(const Floorplan& plan, const std::filesystem::path& dir)
    {
        std::error_code error;
        std::filesystem::create_directories(dir, error);
        if (error)
            return Error{dir.string() + ": cannot create the output folder (" + error.message() +
                         ")"};
        std::vector<std::string> names{"channel-floor.wav"};
        for (int c = 0; c < plan.channelCount(); ++c)
            names.push_back("channel-" + plan.channelId(c) + ".wav");
        for (int s = 0; s < plan.seatCount(); ++s)
            names.push_back("seat-" + plan.seatId(s) + ".wav");
        names.push_back(std::string(kMonitorEndpoint) + ".wav");

        Outputs outputs;
        for (const auto& name : names)
        {
            auto writer = WavWriter::create(dir / name, plan.session().sampleRate);
            if (!writer)
                return Error{writer.error()};
            outputs.writers.push_back(std::move(writer.value()));
        }
        outputs.pending.resize(outputs.writers.size());
        return outputs;
    }

    // Collects blocks (one per writer, in the same order) and writes a second at a time: one
    // write per block and file would cost more system time than the engine's whole render.
    void append(const std::vector<std::vector<float>>& blocks, int n)
    {
        for (std::size_t i = 0; i < pending.size(); ++i)
            pending[i].insert(pending[i].end(), blocks[i].begin(), blocks[i].begin() + n);
        if (pending.front().size() >= flushFrames)
            flush();
    }

    std::string close()
    {
        flush();
        for (auto& writer : writers)
        {
            writer.close();
            if (!writer.ok())
                return writer.error();
        }
        return {};
    }

private:
    void flush()
    {
        for (std::size_t i = 0; i < pending.size(); ++i)
        {
            writers[i].write(pending[i].data(), static_cast<int>(pending[i].size()));
            pending[i].clear();
        }
    }

    static constexpr std::size_t flushFrames = 48000;
    std::vector<WavWriter> writers;
    std::vector<std::vector<float>> pending;
};

} // namespace

Result<RenderSummary> renderOffline(Engine& engine, const RenderJob& job)
{
    const auto& plan = engine.floorplan();
    const double rate = engine.sampleRate();
    auto inputs = loadInputs(plan, job.inputs);
    if (!inputs)
        return Error{inputs.error()};

    std::int64_t total = static_cast<std::int64_t>(inputs->longest);
    if (job.seconds > 0.0)
        total = static_cast<std::int64_t>(std::llround(job.seconds * rate));
    if (total <= 0)
        return Error{"nothing to render: give --seconds or at least one --in file"};

    auto outputs = Outputs::open(plan, job.outDir);
    if (!outputs)
        return Error{outputs.error()};
    std::ofstream log(job.outDir / "events.jsonl", std::ios::binary);
    if (!log)
        return Error{(job.outDir / "events.jsonl").string() + ": cannot write the event log"};

    const int block = plan.session().blockFrames;
    std::vector<float> floorBlock(block);
    std::vector<std::vector<float>> micBlocks(plan.seatCount(), std::vector<float>(block));
    // One block per output file, in the order Outputs writes them.
    const int channels = plan.channelCount() + 1;
    std::vector<std::vector<float>> outBlocks(channels + plan.seatCount() + 1,
                                              std::vector<float>(block));
    std::vector<float*> outs;
    for (auto& b : outBlocks)
        outs.push_back(b.data());
    std::vector<const float*> mics(plan.seatCount());

    RenderSummary summary;
    std::size_t next = 0;
    Event event;
    for (std::int64_t position = 0; position < total; position += block)
    {
        const int n = static_cast<int>(std::min<std::int64_t>(block, total - position));
        while (next < job.script.size() &&
               std::llround(job.script[next].seconds * rate) <= position)
        {
            const auto& entry = job.script[next++];
            if (entry.refusal.empty())
            {
                engine.post(entry.command);
                continue;
            }
            nlohmann::json refused{{"t", static_cast<double>(position) / rate},
                                   {"type", "command-refused"},
                                   {"command", entry.text},
                                   {"reason", entry.refusal}};
            log << refused.dump() << '\n';
            ++summary.refusedCommands;
            ++summary.events;
        }

        BlockIo io;
        io.floor = slice(inputs->floor, position, n, floorBlock);
        for (int s = 0; s < plan.seatCount(); ++s)
            mics[s] = slice(inputs->seats[s], position, n, micBlocks[s]);
        io.seatMics = mics.data();
        io.channelOuts = outs.data();
        io.seatOuts = outs.data() + channels;
        io.monitorOut = outs.back();
        io.frames = n;
        engine.process(io);

        outputs->append(outBlocks, n);
        while (engine.nextEvent(event))
        {
            log << eventToJson(event, plan, rate) << '\n';
            ++summary.events;
        }
        summary.frames += n;
    }

    if (auto closed = outputs->close(); !closed.empty())
        return Error{closed};
    log.flush();
    if (!log)
        return Error{(job.outDir / "events.jsonl").string() + ": write failed"};
    return summary;
}

} // namespace dragoman
