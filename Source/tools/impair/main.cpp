// dragoman-impair: a UDP relay that loses, delays, reorders and duplicates packets, for network
// tests on machines without netem. Prints its counters as JSON when it stops.

#include "UdpRelay.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>

namespace
{
dragoman::impair::UdpRelay* activeRelay = nullptr;
extern "C" void stopRelay(int)
{
    if (activeRelay != nullptr)
        activeRelay->stop();
}
} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"UDP impairment relay for Dragoman's network tests (seeded, replayable)"};
    std::string listen;
    std::string forward;
    bool anyDestination = false;
    double seconds = 0.0;
    dragoman::impair::ImpairmentSettings settings;
    app.add_option("--listen", listen, "IPv4:PORT to receive on")->required();
    app.add_option("--forward", forward, "IPv4:PORT to send to (loopback unless --any-destination)")
        ->required();
    app.add_flag("--any-destination", anyDestination,
                 "Allow a non-loopback destination: only inside a test's own network namespace");
    app.add_option("--loss", settings.lossPercent, "Average loss in percent")
        ->check(CLI::Range(0.0, 99.0));
    app.add_option("--burst", settings.burstLength, "Mean packets per loss burst (1 = independent)")
        ->check(CLI::Range(1.0, 1000.0));
    app.add_option("--delay", settings.delayMs, "Fixed delay in ms")
        ->check(CLI::Range(0.0, 10000.0));
    app.add_option("--jitter", settings.jitterMs, "Extra delay, uniform 0..N ms")
        ->check(CLI::Range(0.0, 10000.0));
    app.add_option("--reorder", settings.reorderPercent, "Percent of packets held back")
        ->check(CLI::Range(0.0, 100.0));
    app.add_option("--reorder-ms", settings.reorderMs, "How long a held-back packet waits")
        ->check(CLI::Range(0.0, 10000.0));
    app.add_option("--duplicate", settings.duplicatePercent, "Percent of packets sent twice")
        ->check(CLI::Range(0.0, 100.0));
    app.add_option("--seed", settings.seed,
                   "Random seed: the same seed replays the same decisions");
    app.add_option("--seconds", seconds, "Stop after N seconds (default: on SIGINT/SIGTERM)");
    CLI11_PARSE(app, argc, argv);

    dragoman::impair::UdpRelay relay;
    if (const auto error = relay.open(listen, forward, anyDestination); !error.empty())
    {
        std::fprintf(stderr, "dragoman-impair: %s\n", error.c_str());
        return 2;
    }
    activeRelay = &relay;
    std::signal(SIGINT, stopRelay);
    std::signal(SIGTERM, stopRelay);
    dragoman::impair::ImpairmentModel model(settings);
    relay.run(model, seconds);
    const auto& c = relay.counters();
    std::printf(
        "{\"received\":%llu,\"forwarded\":%llu,\"dropped\":%llu,\"duplicated\":%llu,\"send_"
        "errors\":%llu}\n",
        static_cast<unsigned long long>(c.received), static_cast<unsigned long long>(c.forwarded),
        static_cast<unsigned long long>(c.dropped), static_cast<unsigned long long>(c.duplicated),
        static_cast<unsigned long long>(c.sendErrors));
    return 0;
}
