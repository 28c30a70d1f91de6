#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace punchout::gateway {

/// A server context: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers, the given PEM
/// certificate chain and key. Throws std::runtime_error naming the file that failed.
boost::asio::ssl::context make_server_tls_context(const std::string& certificate_chain,
                                                  const std::string& private_key);

/// A client context for outbound deliveries: TLS 1.2+, the system CA store plus an optional
/// extra bundle, peer verification on unless disabled.
boost::asio::ssl::context make_client_tls_context(const std::string& extra_ca_file,
                                                  bool verify_peer);

}  // namespace punchout::gateway
