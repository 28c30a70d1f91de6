#include "gateway/http/tls_context.hpp"

#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace punchout::gateway {
namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 suites: ECDHE only (forward secrecy), AEAD only. TLS 1.3 keeps OpenSSL's
// defaults, which are all AEAD.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

void restrict_protocols(ssl::context& ctx) {
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                    ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    if (SSL_CTX_set_cipher_list(ctx.native_handle(), tls12_ciphers) != 1) {
        throw std::runtime_error("TLS: the cipher list was refused by OpenSSL");
    }
}

}  // namespace

// Any presented chain is taken: the handshake proves the client holds the key, and the
// certificate is then pinned per sender by fingerprint, which needs no CA.
int accept_any_certificate(int, X509_STORE_CTX*) {
    return 1;
}

ssl::context make_server_tls_context(const std::string& certificate_chain,
                                     const std::string& private_key,
                                     bool request_client_certificate) {
    ssl::context ctx{ssl::context::tls_server};
    restrict_protocols(ctx);
    SSL_CTX_set_options(ctx.native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE);
    boost::system::error_code ec;
    ctx.use_certificate_chain_file(certificate_chain, ec);
    if (ec)
        throw std::runtime_error("TLS certificate " + certificate_chain + ": " + ec.message());
    ctx.use_private_key_file(private_key, ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("TLS private key " + private_key + ": " + ec.message());
    if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
        throw std::runtime_error("TLS private key " + private_key +
                                 " does not match the certificate " + certificate_chain);
    }
    if (request_client_certificate) {
        SSL_CTX_set_verify(ctx.native_handle(), SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE,
                           accept_any_certificate);
        // Sessions are not resumed across the setting, and a resumed session keeps its peer.
        static const unsigned char id[] = "punchout-client-cert";
        SSL_CTX_set_session_id_context(ctx.native_handle(), id, sizeof id - 1);
    }
    return ctx;
}

std::string client_certificate_sha256(SSL* ssl) {
    X509* cert = SSL_get1_peer_certificate(ssl);
    if (!cert)
        return {};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    const bool ok = X509_digest(cert, EVP_sha256(), md, &size) == 1;
    X509_free(cert);
    if (!ok)
        return {};
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0x0F];
    }
    return out;
}

ssl::context make_client_tls_context(const std::string& extra_ca_file, bool verify_peer) {
    ssl::context ctx{ssl::context::tls_client};
    restrict_protocols(ctx);
    ctx.set_default_verify_paths();
    if (!extra_ca_file.empty()) {
        boost::system::error_code ec;
        ctx.load_verify_file(extra_ca_file, ec);
        if (ec)
            throw std::runtime_error("outbox CA file " + extra_ca_file + ": " + ec.message());
    }
    ctx.set_verify_mode(verify_peer ? ssl::verify_peer : ssl::verify_none);
    return ctx;
}

}  // namespace punchout::gateway
