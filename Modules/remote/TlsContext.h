#pragma once
// The TLS client context for wss:// and tls://: TLS 1.2 or later, the system's certificate
// authorities (or one CA file), and the engine's host name checked against its certificate —
// unless the caller said otherwise in ControlClientOptions.
//
// A failed handshake's reason comes from tlsHandshakeFailure(): OpenSSL's own words for a refused
// certificate ("shutdown while in init" through websocketpp) do not tell a user to give the CA.
//
// Threads: called on the network thread, before each TLS handshake and after a failed one.

#include "ControlClientOptions.h"
#include "core/Result.h"

#include <asio/ssl/context.hpp>

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace dragoman
{

Result<std::shared_ptr<asio::ssl::context>>
makeTlsClientContext(const std::string& host, const ControlClientOptions& options);

// Why the handshake on `ssl` failed: the certificate check's verdict when it refused the engine
// ("the engine's certificate is not trusted: unable to get local issuer certificate ..."), else
// `otherwise` (the transport's message).
std::string tlsHandshakeFailure(SSL* ssl, const std::string& otherwise);

} // namespace dragoman
