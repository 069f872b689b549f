#include "CtlHttpGet.h"

#include "CtlConnection.h"

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/write.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace dragoman::cli
{

namespace
{

using asio::ip::tcp;

// Dechunks a "Transfer-Encoding: chunked" body; empty on a malformed one.
std::optional<std::string> dechunk(std::string_view body)
{
    std::string out;
    for (;;)
    {
        const auto lineEnd = body.find("\r\n");
        if (lineEnd == std::string_view::npos)
            return std::nullopt;
        std::size_t size = 0;
        try
        {
            size = std::stoul(std::string(body.substr(0, lineEnd)), nullptr, 16);
        }
        catch (const std::exception&)
        {
            return std::nullopt;
        }
        body.remove_prefix(lineEnd + 2);
        if (size == 0)
            return out;
        if (body.size() < size)
            return std::nullopt;
        out.append(body.substr(0, size));
        body.remove_prefix(std::min(body.size(), size + 2));
    }
}

std::string lower(std::string text)
{
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

int runHttpGet(const std::string& token, const std::string& url, const std::string& path,
               std::chrono::milliseconds timeout)
{
    std::string where = url;
    if (where.starts_with("http://"))
        where = "ws://" + where.substr(7);
    auto parsed = ControlUrl::parse(where);
    if (!where.starts_with("ws://") || !parsed)
        return ctlError(ctlBadArguments,
                        "get needs an http:// or ws:// URL (the engine's HTTP port), not '" + url +
                            "'");
    if (!path.starts_with('/'))
        return ctlError(ctlBadArguments, "get PATH must start with '/' (e.g. /api/state)");
    const ControlUrl& target = parsed.value();
    const std::string hostHeader =
        target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + ":" +
                          std::to_string(target.port) + "\r\nAccept: */*\r\nConnection: close\r\n";
    if (!token.empty())
        request += "Authorization: Bearer " + token + "\r\n";
    request += "\r\n";

    asio::io_context io;
    tcp::resolver resolver(io);
    tcp::socket socket(io);
    std::string response;
    std::string failure;
    bool connected = false;
    bool complete = false;
    resolver.async_resolve(
        target.host, std::to_string(target.port),
        [&](const asio::error_code& error, const tcp::resolver::results_type& endpoints)
        {
            if (error)
                return void(failure = error.message());
            asio::async_connect(socket, endpoints,
                                [&](const asio::error_code& connectError, const tcp::endpoint&)
                                {
                                    if (connectError)
                                        return void(failure = connectError.message());
                                    connected = true;
                                    asio::async_write(
                                        socket, asio::buffer(request),
                                        [&](const asio::error_code& writeError, std::size_t)
                                        {
                                            if (writeError)
                                                return void(failure = writeError.message());
                                            asio::async_read(
                                                socket,
                                                asio::dynamic_buffer(response, 64 * 1024 * 1024),
                                                [&](const asio::error_code& readError, std::size_t)
                                                {
                                                    if (readError && readError != asio::error::eof)
                                                        return void(failure = readError.message());
                                                    complete = true;
                                                });
                                        });
                                });
        });
    io.run_for(timeout);

    const std::string address = "http://" + hostHeader + ":" + std::to_string(target.port) + path;
    if (!connected)
        return ctlError(ctlCannotConnect, "-32000 cannot connect to " + address + ": " +
                                              (failure.empty() ? "no answer" : failure));
    if (!complete)
        return ctlError(ctlFailed,
                        "-32000 " + address + ": " + (failure.empty() ? "timeout" : failure));

    const auto headerEnd = response.find("\r\n\r\n");
    const auto statusEnd = response.find("\r\n");
    if (headerEnd == std::string::npos || !response.starts_with("HTTP/1."))
        return ctlError(ctlFailed, "-32000 " + address + ": not an HTTP response");
    const std::string statusLine = response.substr(0, statusEnd);
    const std::string headers = lower(response.substr(statusEnd, headerEnd - statusEnd));
    std::string body = response.substr(headerEnd + 4);
    if (headers.find("transfer-encoding: chunked") != std::string::npos)
    {
        auto plain = dechunk(body);
        if (!plain)
            return ctlError(ctlFailed, "-32000 " + address + ": malformed chunked body");
        body = std::move(*plain);
    }
    const auto firstSpace = statusLine.find(' ');
    const std::string status =
        firstSpace == std::string::npos ? "" : statusLine.substr(firstSpace + 1);
    if (!status.starts_with("200"))
        return ctlError(ctlFailed,
                        "HTTP " + status + (body.empty() ? "" : ": " + body.substr(0, 200)));

    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_discarded() && (json.is_object() || json.is_array()))
        std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
        std::cout << body;
    return 0;
}

} // namespace dragoman::cli
