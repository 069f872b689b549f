// dragoman receive [--sdp FILE|DIR ... | --sap [--sap-listen ADDR:PORT]] [--channel ID] [--list]
//                  [--out FILE.wav --seconds N] [--stats FILE.json] [--device NAME]
//                  [--host-api NAME] [--interface ADDR]
// The delegate's receiver: finds the channels, plays one (or writes it to a WAV file in real
// time), switches channel on keys or stdin commands, and reports its statistics every second.
// Exit codes: 0 success; 1 network or device error; 2 bad arguments or no channels.

#include "ReceiveChannels.h"
#include "ReceiveInput.h"
#include "ReceiveNetwork.h"
#include "ReceiveOutput.h"
#include "ReceiveReport.h"
#include "Subcommands.h"
#include "receive/ChannelPlayer.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace dragoman::cli
{

namespace
{

struct ReceiveOptions
{
    std::vector<std::string> sdp;
    bool sap = false;
    std::string sapListen = "239.255.255.255:9875"; // RFC 2974's global-scope SAP group
    double sapSeconds = 3.0;
    std::string interfaceAddress;
    std::string channel;
    bool list = false;
    std::string out;
    double seconds = 0.0;
    std::string stats;
    std::string device;
    std::string hostApi;
};

constexpr const char* kName = "dragoman receive: ";
constexpr auto kTick = std::chrono::milliseconds(20);

std::atomic<int> stopSignal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void requestReceiveStop(int signal)
{
    restoreTerminal();
    stopSignal.store(signal, std::memory_order_relaxed);
}

void printChannels(const std::vector<ReceiveChannel>& channels)
{
    std::printf("%zu channel%s:\n", channels.size(), channels.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < channels.size(); ++i)
    {
        const auto& c = channels[i];
        std::printf("  %2zu  %-8s %-26s %s:%u  \"%s\"  (%s)\n", i + 1, c.id.c_str(),
                    languageName(c.language.empty() ? c.id : c.language).c_str(), c.address.c_str(),
                    c.port, c.name.c_str(), c.source.c_str());
    }
    std::fflush(stdout);
}

// Capture time of what plays now, from the sender report's NTP <-> RTP pair, against the wall
// clock when it reaches the ear. On one machine both clocks are the same clock.
std::optional<double> mouthToEar(const PlayerSnapshot& snapshot,
                                 const std::optional<SenderReportTime>& report,
                                 double outputLatency)
{
    if (!report || !snapshot.stats.playingTimestampKnown)
        return std::nullopt;
    const auto steadyNow = std::chrono::steady_clock::now().time_since_epoch();
    const auto wallNow = std::chrono::system_clock::now();
    const auto renderedAt = wallNow - (steadyNow - snapshot.at);
    const auto samples =
        static_cast<std::int32_t>(snapshot.stats.playingTimestamp - report->rtpTimestamp);
    const auto captured =
        report->ntp.toSystemClock() +
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::duration<double>(static_cast<double>(samples) / 48000.0));
    return std::chrono::duration<double, std::milli>(renderedAt - captured).count() +
           outputLatency * 1e3;
}

Result<std::vector<ReceiveChannel>> findChannels(const ReceiveOptions& options)
{
    if (!options.sdp.empty())
        return loadSdpChannels(options.sdp);
    if (options.sap)
    {
        std::fprintf(stderr, "%slistening for SAP announcements on %s for %.1f s\n", kName,
                     options.sapListen.c_str(), options.sapSeconds);
        return discoverSapChannels(options.sapListen, options.interfaceAddress, options.sapSeconds,
                                   0);
    }
    return Error{"say where the channels are: --sdp FILE|DIR or --sap"};
}

int runReceive(const ReceiveOptions& options)
{
    setenv("JACK_NO_START_SERVER", "1", 0);
    auto found = findChannels(options);
    if (!found)
    {
        std::cerr << kName << found.error() << '\n';
        return 2;
    }
    const std::vector<ReceiveChannel> channels = std::move(found.value());
    if (channels.empty())
    {
        std::cerr << kName << "no channels found\n";
        return 2;
    }
    if (options.list)
    {
        printChannels(channels);
        return 0;
    }
    int initial = 0;
    if (!options.channel.empty() && (initial = findChannel(channels, options.channel)) < 0)
    {
        std::cerr << kName << "no channel '" << options.channel << "'\n";
        printChannels(channels);
        return 2;
    }

    std::vector<int> payloadTypes;
    for (const auto& c : channels)
        payloadTypes.push_back(c.payloadType);
    ChannelPlayer player(payloadTypes, initial, receiveMaxBlockFrames);

    auto network = ReceiveNetwork::open(channels, options.interfaceAddress, player);
    if (!network)
    {
        std::cerr << kName << network.error() << '\n';
        return 1;
    }
    auto output = options.out.empty() ? openDeviceOutput(player, options.hostApi, options.device)
                                      : openWavOutput(player, options.out);
    if (!output)
    {
        std::cerr << kName << output.error() << '\n';
        return 1;
    }
    printChannels(channels);
    std::printf("%splaying %s on %s\n", kName,
                channelLabel(channels[static_cast<std::size_t>(initial)]).c_str(),
                (*output)->description().c_str());
    std::fflush(stdout);

    stopSignal.store(0);
    const auto previousInt = std::signal(SIGINT, requestReceiveStop);
    const auto previousTerm = std::signal(SIGTERM, requestReceiveStop);
    (*network)->start();
    if (auto error = (*output)->start())
    {
        std::cerr << kName << error->message << '\n';
        return 1;
    }
    int code = 0;
    {
        ReceiveInput input(channels, player, initial);
        const bool tty = ::isatty(STDOUT_FILENO) == 1;
        const auto start = std::chrono::steady_clock::now();
        auto nextReport = start + std::chrono::seconds(1);
        ReceiveReport report;
        report.player.channel = initial;
        const auto fill = [&]
        {
            const auto& c = channels[static_cast<std::size_t>(report.player.channel)];
            report.channelId = c.id;
            report.language = c.language;
            report.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            report.mouthToEarMs =
                mouthToEar(report.player, (*network)->senderReport(report.player.channel),
                           (*output)->outputLatencySeconds());
            report.rtcpReports = (*network)->rtcpReports();
            report.rtcpBad = (*network)->rtcpBad();
            report.inboxDropped = player.droppedDatagrams();
        };
        const auto writeStats = [&]
        {
            if (!options.stats.empty() && !writeFileAtomically(options.stats, reportJson(report)))
                std::cerr << kName << options.stats << ": cannot write the statistics\n";
        };
        while (stopSignal.load(std::memory_order_relaxed) == 0 && !input.quitRequested())
        {
            const auto now = std::chrono::steady_clock::now();
            if (options.seconds > 0.0 &&
                std::chrono::duration<double>(now - start).count() >= options.seconds)
                break;
            while (player.nextSnapshot(report.player))
            {
            }
            SwitchReport done;
            while (player.nextSwitch(done))
            {
                report.lastSwitchMs = done.milliseconds;
                if (tty)
                    std::printf("\r\x1b[K"); // over the status line
                std::printf("%sswitched %s -> %s in %.1f ms (request at output frame %llu, "
                            "crossfade from frame %llu)\n",
                            kName, channels[static_cast<std::size_t>(done.from)].id.c_str(),
                            channels[static_cast<std::size_t>(done.to)].id.c_str(),
                            done.milliseconds, static_cast<unsigned long long>(done.requestFrame),
                            static_cast<unsigned long long>(done.fadeFrame));
                std::fflush(stdout);
            }
            if (now >= nextReport)
            {
                nextReport += std::chrono::seconds(1);
                fill();
                writeStats();
                if (tty)
                    std::printf("\r%s\x1b[K", reportLine(report).c_str());
                else
                    std::printf("%s\n", reportLine(report).c_str());
                std::fflush(stdout);
            }
            if (!(*output)->healthy())
            {
                std::cerr << kName << "the output stopped by itself\n";
                code = 1;
                break;
            }
            std::this_thread::sleep_for(kTick);
        }
        (*output)->stop();
        (*network)->stop();
        while (player.nextSnapshot(report.player))
        {
        }
        fill();
        writeStats();
        if (tty)
            std::printf("\n");
        std::printf("%sstopped after %.2f s: %s\n", kName, report.seconds,
                    reportLine(report).c_str());
        std::fflush(stdout);
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    return code;
}

} // namespace

void addReceiveCommand(CLI::App& app)
{
    auto options = std::make_shared<ReceiveOptions>();
    auto* receive = app.add_subcommand(
        "receive", "A delegate's receiver: find channels (SDP or SAP), play one, switch");
    receive->add_option("--sdp", options->sdp, "SDP file(s), or a directory of .sdp files");
    receive->add_flag("--sap", options->sap, "find channels by SAP announcements");
    receive->add_option("--sap-listen", options->sapListen,
                        "where SAP is heard (ADDR:PORT; a unicast address for tests)");
    receive->add_option("--sap-seconds", options->sapSeconds, "how long to listen for SAP");
    receive->add_option("--interface", options->interfaceAddress,
                        "IPv4 address of the interface that joins multicast groups");
    receive->add_option("--channel", options->channel, "channel to play: id, language or number");
    receive->add_flag("--list", options->list, "list the channels and exit");
    receive->add_option("--out", options->out, "write to this WAV file instead of a device");
    receive->add_option("--seconds", options->seconds, "stop after this many seconds");
    receive->add_option("--stats", options->stats,
                        "write statistics as JSON here every second and at exit");
    receive->add_option("--device", options->device, "output device (part of its name)");
    receive->add_option("--host-api", options->hostApi, "PortAudio host API (part of its name)");
    receive->callback(
        [options]
        {
            if (const int code = runReceive(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
