#pragma once
// Each subcommand of `dragoman` registers its options on the command line and runs itself.
// They run on the program's main (control) thread.

#include <CLI/CLI.hpp>

namespace dragoman::cli
{

void addRenderCommand(CLI::App& app);
void addEngineCommand(CLI::App& app);
void addBenchCommand(CLI::App& app);
void addLatencyBench(CLI::App& bench); // `bench latency`, in BenchLatencyCommand.cpp
void addReceiveCommand(CLI::App& app);
void addSeatCommand(CLI::App& app);
void addCtlCommand(CLI::App& app);
// `bench` measurements that live in their own files, registered by addBenchCommand().
void addOpusBench(CLI::App& bench);
void addFanoutBench(CLI::App& bench);
void addRemoteBench(CLI::App& bench); // `bench remote`, in BenchRemoteCommand.cpp

} // namespace dragoman::cli
