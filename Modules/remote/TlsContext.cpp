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
    // asio's host check refuses without saying why; the verify result then says "hostname
    // mismatch", for tlsHandshakeFailure() to report.
    context->set_verify_callback(
        [check = asio::ssl::host_name_verification(host)](bool preverified,
                                                          asio::ssl::verify_context& verify)
        {
            if (!preverified || check(preverified, verify))
                return preverified;
            X509_STORE_CTX_set_error(verify.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
            return false;
        },
        error);
    return context;
}

std::string tlsHandshakeFailure(SSL* ssl, const std::string& otherwise)
{
    // Without verification (--insecure) the result is recorded but never refused the engine.
    if (ssl == nullptr || SSL_get_verify_mode(ssl) == SSL_VERIFY_NONE)
        return otherwise;
    const long result = SSL_get_verify_result(ssl);
    if (result == X509_V_OK)
        return otherwise;
    return std::string("the engine's certificate is not trusted: ") +
           X509_verify_cert_error_string(result) +
           (result == X509_V_ERR_HOSTNAME_MISMATCH
                ? " (it is not made out to the host in the URL)"
                : " (give the CA file that signed it, or turn the check off)");
}

} // namespace dragoman
