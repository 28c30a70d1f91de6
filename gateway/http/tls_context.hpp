#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace punchout::gateway {

/// A server context: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers, the given PEM
/// certificate chain and key. Throws std::runtime_error naming the file that failed.
/// With `request_client_certificate`, clients are asked for a certificate, which is
/// optional and not chain-checked: authentication pins a sender's certificate by its
/// SHA-256 fingerprint (client_certificate_sha256).
boost::asio::ssl::context make_server_tls_context(const std::string& certificate_chain,
                                                  const std::string& private_key,
                                                  bool request_client_certificate = false);

/// The SHA-256 fingerprint (lower-case hex) of the certificate the TLS peer presented on
/// `ssl`, or "" when it presented none.
std::string client_certificate_sha256(SSL* ssl);

/// A client context for outbound deliveries: TLS 1.2+, the system CA store plus an optional
/// extra bundle, peer verification on unless disabled.
boost::asio::ssl::context make_client_tls_context(const std::string& extra_ca_file,
                                                  bool verify_peer);

}  // namespace punchout::gateway
