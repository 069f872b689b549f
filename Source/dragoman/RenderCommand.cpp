// dragoman render SESSION.yaml --in floor=F.wav --in SEAT=M.wav [--events FILE] [--seconds N] --out
// DIR

#include "SessionArgument.h"
#include "Subcommands.h"

#include "core/EventScript.h"
#include "drivers/OfflineRenderer.h"
#include "engine/Engine.h"

#include <iostream>

namespace dragoman::cli
{

namespace
{

struct RenderOptions
{
    std::string session;
    std::vector<std::string> inputs;
    std::string events;
    double seconds = 0.0;
    std::string out;
};

int runRender(const RenderOptions& options)
{
    auto session = loadSessionArgument(options.session);
    if (!session)
    {
        std::cerr << "dragoman render: " << session.error() << '\n';
        return 2;
    }
    Engine engine(std::move(session.value()));

    RenderJob job;
    job.seconds = options.seconds;
    job.outDir = options.out;
    for (const auto& input : options.inputs)
    {
        const auto equals = input.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == input.size())
        {
            std::cerr << "dragoman render: --in " << input
                      << ": expected ID=FILE (ID is floor or a seat)\n";
            return 2;
        }
        job.inputs.push_back({input.substr(0, equals), input.substr(equals + 1)});
    }
    if (!options.events.empty())
    {
        auto script = loadEventScript(options.events, engine.floorplan());
        if (!script)
        {
            std::cerr << "dragoman render: " << script.error() << '\n';
            return 2;
        }
        job.script = std::move(script.value());
    }

    auto summary = renderOffline(engine, job);
    if (!summary)
    {
        std::cerr << "dragoman render: " << summary.error() << '\n';
        return 1;
    }
    std::cout << "rendered " << static_cast<double>(summary->frames) / engine.sampleRate() << " s, "
              << summary->events << " events (" << summary->refusedCommands
              << " commands refused) to " << options.out << '\n';
    return 0;
}

} // namespace

void addRenderCommand(CLI::App& app)
{
    auto options = std::make_shared<RenderOptions>();
    auto* render = app.add_subcommand(
        "render", "Render a session offline: files in, files out, deterministic");
    render->add_option("session", options->session, "Session file (default: the Astana demo)");
    render->add_option("--in", options->inputs,
                       "ID=FILE: the floor or a seat's microphone (repeatable)");
    render->add_option("--events", options->events, "Script of 'SECONDS COMMAND' lines");
    render->add_option("--seconds", options->seconds, "Length (default: the longest input)")
        ->check(CLI::PositiveNumber);
    render->add_option("--out", options->out, "Output folder")->required();
    render->callback(
        [options]
        {
            if (const int code = runRender(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
