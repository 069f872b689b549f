#pragma once
// The TLS client context for wss:// and tls://: TLS 1.2 or later, the system's certificate
// authorities (or one CA file), and the engine's host name checked against its certificate —
// unless the caller said otherwise in ControlClientOptions.
//
// Threads: called on the network thread before each TLS handshake.

#include "ControlClientOptions.h"
#include "core/Result.h"

#include <asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace dragoman
{

Result<std::shared_ptr<asio::ssl::context>>
makeTlsClientContext(const std::string& host, const ControlClientOptions& options);

} // namespace dragoman
