#include "TlsContext.h"

#include <asio/ssl/host_name_verification.hpp>

namespace dragoman
{

Result<std::shared_ptr<asio::ssl::context>>
makeTlsClientContext(const std::string& host, const ControlClientOptions& options)
{
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    asio::error_code error;
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1,
                         error);
    if (!options.verifyTlsPeer)
    {
        context->set_verify_mode(asio::ssl::verify_none, error);
        return context;
    }
    if (options.caFile.empty())
        context->set_default_verify_paths(error);
    else
        context->load_verify_file(options.caFile, error);
    if (error)
        return Error{"TLS certificate authorities" +
                     (options.caFile.empty() ? std::string{} : " '" + options.caFile + "'") + ": " +
                     error.message()};
    context->set_verify_mode(asio::ssl::verify_peer, error);
    context->set_verify_callback(asio::ssl::host_name_verification(host), error);
    return context;
}

} // namespace dragoman
