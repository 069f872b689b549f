#include "control/ControlPlane.h"

#include "control/ControlHub.h"
#include "control/LineServer.h"
#include "control/WebServer.h"
#include "core/SessionControlFile.h"

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <future>
#include <thread>

namespace dragoman::control
{

struct ControlPlane::Parts
{
    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::unique_ptr<ControlHub> hub;
    std::unique_ptr<LineServer> lines;
    std::unique_ptr<WebServer> web;
    std::thread thread;
    std::future<void> finished;
    bool stopped = false;
};

namespace
{

std::filesystem::path beside(const std::filesystem::path& dir, const std::string& path)
{
    const std::filesystem::path given(path);
    return given.is_absolute() ? given : dir / given;
}

Result<std::shared_ptr<asio::ssl::context>> tlsContext(const ControlOptions& options)
{
    if (options.tlsCertificate.empty())
        return std::shared_ptr<asio::ssl::context>();
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    std::error_code error;
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1,
                         error);
    context->use_certificate_chain_file(options.tlsCertificate.string(), error);
    if (error)
        return Error{"control.tls.certificate: " + options.tlsCertificate.string() + ": " +
                     error.message()};
    context->use_private_key_file(options.tlsKey.string(), asio::ssl::context::pem, error);
    if (error)
        return Error{"control.tls.key: " + options.tlsKey.string() + ": " + error.message()};
    return context;
}

} // namespace

Result<std::optional<std::pair<ControlOptions, TokenTable>>>
ControlPlane::configure(const Session& session, const std::filesystem::path& sessionDir,
                        const std::string& controlFlag, const std::string& tokensFlag,
                        const Floorplan& plan)
{
    using Configured = std::optional<std::pair<ControlOptions, TokenTable>>;
    if (!session.control && controlFlag.empty())
    {
        if (!tokensFlag.empty())
            return Error{"--tokens: the session has no control: section; add --control HOST:PORT"};
        return Configured{};
    }
    const ControlSpec spec = session.control.value_or(ControlSpec{});
    ControlOptions options;
    options.listen = spec.listen;
    options.tcp = spec.tcp;
    if (!controlFlag.empty())
    {
        auto endpoint = parseControlEndpoint(controlFlag);
        if (!endpoint)
            return Error{"--control: " + endpoint.error()};
        if (endpoint->port == 65535)
            return Error{"--control: the TCP port is the next one up; 65535 has none"};
        options.listen = endpoint.value();
        options.tcp =
            ControlEndpoint{endpoint->host, static_cast<std::uint16_t>(endpoint->port + 1)};
    }
    options.presetsDir = beside(sessionDir, spec.presetsDir);
    if (!spec.tlsCertificate.empty())
    {
        options.tlsCertificate = beside(sessionDir, spec.tlsCertificate);
        options.tlsKey = beside(sessionDir, spec.tlsKey);
    }

    std::filesystem::path tokensFile;
    if (!tokensFlag.empty())
        tokensFile = tokensFlag;
    else if (!spec.tokensFile.empty())
        tokensFile = beside(sessionDir, spec.tokensFile);
    auto tokens = TokenTable::load(spec.tokens, tokensFile, plan);
    if (!tokens)
        return Error{tokens.error()};
    if (tokens->size() == 0)
        return Error{"control: no tokens (control.tokens_file, control.tokens or --tokens "
                     "FILE): an API without them would let anyone take the microphones"};
    return Configured{std::pair{std::move(options), std::move(tokens.value())}};
}

ControlPlane::ControlPlane(std::unique_ptr<Parts> p) : parts(std::move(p)) {}

Result<std::unique_ptr<ControlPlane>> ControlPlane::start(Engine& engine, TokenTable tokens,
                                                          ControlOptions options,
                                                          const StreamSender* streams)
{
    auto tls = tlsContext(options);
    if (!tls)
        return Error{tls.error()};
    auto parts = std::make_unique<Parts>();
    parts->hub = std::make_unique<ControlHub>(parts->io, engine, std::move(tokens),
                                              options.presetsDir, options.identity, streams);
    std::string where;
    const std::string secure = tls.value() ? "s" : "";
    if (options.listen)
    {
        parts->web = std::make_unique<WebServer>(parts->io, *parts->hub, tls.value());
        if (auto error = parts->web->listen(options.listen->host, options.listen->port))
            return Error{*error};
        where += "ws" + secure + "://" + options.listen->host + ":" +
                 std::to_string(parts->web->port()) + "/rpc (and http" + secure +
                 "://.../api/state)";
    }
    if (options.tcp)
    {
        parts->lines = std::make_unique<LineServer>(parts->io, *parts->hub, tls.value());
        if (auto error = parts->lines->listen(options.tcp->host, options.tcp->port))
            return Error{*error};
        where += std::string(where.empty() ? "" : ", ") + (tls.value() ? "tls" : "tcp") + "://" +
                 options.tcp->host + ":" + std::to_string(parts->lines->port());
    }
    parts->hub->start();
    std::promise<void> done;
    parts->finished = done.get_future();
    auto* io = &parts->io;
    parts->thread = std::thread(
        [io, done = std::move(done)]() mutable
        {
            // A handler that throws must not take the engine down with it: log and go on.
            while (true)
            {
                try
                {
                    io->run();
                    break;
                }
                catch (const std::exception& error)
                {
                    std::fprintf(stderr, "dragoman engine: control: %s\n", error.what());
                }
            }
            done.set_value();
        });
    std::unique_ptr<ControlPlane> plane(new ControlPlane(std::move(parts)));
    plane->description = std::move(where);
    return plane;
}

ControlPlane::~ControlPlane()
{
    stop();
}

void ControlPlane::publish(const Event& event)
{
    if (parts->stopped)
        return;
    asio::post(parts->io, [hub = parts->hub.get(), event] { hub->onEvent(event); });
}

void ControlPlane::noteDriver(const DriverSnapshot& snapshot)
{
    if (parts->stopped)
        return;
    asio::post(parts->io, [hub = parts->hub.get(), snapshot] { hub->noteDriver(snapshot); });
}

void ControlPlane::stop()
{
    if (parts->stopped)
        return;
    parts->stopped = true;
    asio::post(parts->io,
               [p = parts.get()]
               {
                   p->hub->stop();
                   if (p->web)
                       p->web->stop();
                   if (p->lines)
                       p->lines->stop();
               });
    parts->work.reset();
    // Close handshakes get a moment; a client that never answers does not hold the engine.
    if (parts->finished.wait_for(std::chrono::seconds(2)) != std::future_status::ready)
        parts->io.stop();
    parts->thread.join();
}

} // namespace dragoman::control
