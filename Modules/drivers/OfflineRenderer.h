#pragma once
// The offline file driver: WAV (or any libsndfile format) in, WAV out, deterministic and faster
// than real time. The same inputs and events give bit-identical outputs, so DSP and routing
// tests can compare files.
//
// Threads: runs the engine on the calling thread (which plays the audio thread's part).

#include "core/EventScript.h"
#include "core/Result.h"
#include "engine/Engine.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dragoman
{

struct RenderInput
{
    std::string endpoint; // "floor" or a seat id (its microphone)
    std::filesystem::path file;
};

struct RenderJob
{
    std::vector<RenderInput> inputs; // missing inputs are silence
    std::vector<ScriptedCommand> script;
    double seconds = 0.0; // 0: as long as the longest input
    std::filesystem::path outDir;
};

struct RenderSummary
{
    std::int64_t frames = 0;
    int events = 0;
    int refusedCommands = 0;
};

// Writes DIR/channel-floor.wav, DIR/channel-<id>.wav, DIR/seat-<id>.wav, DIR/monitor.wav (the
// technician's monitor, silent until a `monitor` command) and DIR/events.jsonl.
Result<RenderSummary> renderOffline(Engine& engine, const RenderJob& job);

} // namespace dragoman
