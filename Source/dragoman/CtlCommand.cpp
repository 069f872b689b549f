// dragoman ctl [--url URL] [--token T] [--timeout S] METHOD [PARAMS]
// dragoman ctl --watch [METHOD...]
// dragoman ctl get PATH
//
// A script's (and a technician's shell's) way into a running engine's control API
// (docs/CONTROL_API.md). Exit codes: 0 done, 1 the engine said no (or did not answer in time),
// 2 bad arguments (nothing sent), 3 cannot connect.

#include "CtlConnection.h"
#include "CtlHttpGet.h"
#include "CtlParams.h"
#include "Subcommands.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <set>
#include <thread>

namespace dragoman::cli
{

namespace
{

struct CtlOptions
{
    CtlTarget target;
    bool watch = false;
    std::vector<std::string> words; // METHOD PARAMS..., or the methods to watch
};

std::atomic<bool> interrupted{false};

void onInterrupt(int)
{
    interrupted = true;
}

int runCall(const CtlOptions& options, ControlUrl url, std::chrono::milliseconds timeout)
{
    const std::string& method = options.words.front();
    auto params = parseCtlParams({options.words.begin() + 1, options.words.end()});
    if (!params)
        return ctlError(ctlBadArguments, params.error());

    CtlConnection connection(options.target, timeout, std::move(url));
    connection.start();
    if (const int code = connection.waitUntilConnected(timeout); code != 0)
        return code;
    const RpcReply reply = connection.client().callAndWait(method, params.value(), timeout);
    if (!reply.ok)
        return ctlError(ctlFailed, std::to_string(reply.code) + " " + reply.message);
    std::cout << reply.result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
}

// Notifications as JSON lines until Ctrl-C, through engine restarts: a technician leaves it
// running in a corner of the screen.
int runWatch(const CtlOptions& options, ControlUrl url, std::chrono::milliseconds timeout)
{
    const std::set<std::string> methods(options.words.begin(), options.words.end());
    std::mutex output;
    std::string lastConnectionReport;
    ControlClient* client = nullptr;
    CtlConnection connection(
        options.target, timeout, std::move(url),
        [&](const std::string& method, const nlohmann::json& params)
        {
            if (!methods.empty() && !methods.contains(method))
                return;
            const nlohmann::json line = {{"method", method}, {"params", params}};
            std::lock_guard lock(output);
            std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << std::endl;
        },
        [&](bool up, const std::string& why)
        {
            std::lock_guard lock(output);
            // A dead engine is retried every 2 s: say so once, not every time.
            if (why != lastConnectionReport)
                std::cerr << "dragoman ctl: " << why << std::endl;
            lastConnectionReport = why;
            // Meters only flow to a client that asked, and a new connection starts unsubscribed.
            if (up && client && methods.contains("meters"))
                client->call("meters.subscribe", {{"hz", 10}});
        });
    client = &connection.client();
    connection.start();

    interrupted = false;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    while (!interrupted)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    client->stop();
    return 0;
}

int runCtl(CtlOptions& options, const std::vector<std::string>& unknown)
{
    if (!unknown.empty())
        return ctlError(ctlBadArguments, "unknown argument '" + unknown.front() + "'");
    const auto timeout = options.target.timeout();
    if (!timeout)
        return ctlError(ctlBadArguments, "--timeout '" + options.target.timeoutText +
                                             "' is not a number of seconds in (0, 3600]");
    const std::string urlText = options.target.resolvedUrl();

    if (!options.watch && !options.words.empty() && options.words.front() == "get")
    {
        if (options.words.size() != 2)
            return ctlError(ctlBadArguments, "usage: dragoman ctl get PATH (e.g. /api/state)");
        return runHttpGet(options.target.resolvedToken(), urlText, options.words[1], *timeout);
    }

    auto url = ControlUrl::parse(urlText);
    if (!url)
        return ctlError(ctlBadArguments, url.error());
    if (options.watch)
        return runWatch(options, std::move(url.value()), *timeout);
    if (options.words.empty())
        return ctlError(ctlBadArguments, "no METHOD (try rpc.methods, state.get or --help)");
    return runCall(options, std::move(url.value()), *timeout);
}

} // namespace

void addCtlCommand(CLI::App& app)
{
    auto options = std::make_shared<CtlOptions>();
    auto* ctl = app.add_subcommand(
        "ctl", "Call a running engine's control API: METHOD [PARAMS], --watch, or get PATH");
    ctl->add_option("--url", options->target.url,
                    "ws://HOST:PORT/rpc, wss://, tcp://HOST:PORT or tls:// (default: "
                    "$DRAGOMAN_URL, else ws://127.0.0.1:7700/rpc)");
    ctl->add_option("--token", options->target.token,
                    "the access token (default: $DRAGOMAN_TOKEN)");
    ctl->add_option("--timeout", options->target.timeoutText,
                    "seconds to wait for the connection and for the reply (default 5)");
    ctl->add_flag("--watch", options->watch,
                  "print notifications (all, or the METHODs named) as JSON lines until Ctrl-C");
    ctl->add_flag("--insecure", options->target.insecure,
                  "wss:// and tls://: do not check the engine's certificate");
    ctl->add_option("--ca", options->target.caFile,
                    "wss:// and tls://: trust this CA file instead of the system's");
    ctl->add_option("words", options->words,
                    "METHOD then PARAMS: one JSON object or key=value words; numbers, true, "
                    "false and null are parsed, anything else is a string");
    ctl->allow_extras();
    ctl->callback(
        [options, ctl]
        {
            if (const int code = runCtl(*options, ctl->remaining()); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
