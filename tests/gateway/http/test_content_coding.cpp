// Request bodies with a Content-Encoding (gateway/http/content_coding.hpp). The compressed
// inputs are made here with zlib, so each case shows what a client would send.
#include "gateway/http/content_coding.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <zlib.h>

#include <catch2/catch.hpp>

using namespace punchout::gateway;

namespace {

constexpr int gzip_bits = MAX_WBITS + 16;
constexpr int zlib_bits = MAX_WBITS;
constexpr int raw_bits = -MAX_WBITS;

// Streams `total` bytes of `filler` (repeated) through deflate without holding them.
// Z_RLE finds the runs of a bomb as well as the default does, several times faster.
std::string deflate_stream(int window_bits, std::size_t total, const std::string& filler,
                           int strategy = Z_DEFAULT_STRATEGY) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, strategy) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string out;
    char buf[64 * 1024];
    std::size_t left = total;
    for (;;) {
        const std::size_t n = std::min(left, filler.size());
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(filler.data()));
        zs.avail_in = static_cast<uInt>(n);
        left -= n;
        const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = sizeof buf;
            rc = deflate(&zs, flush);
            out.append(buf, sizeof buf - zs.avail_out);
        } while (zs.avail_out == 0);
        if (flush == Z_FINISH) {
            deflateEnd(&zs);
            if (rc != Z_STREAM_END)
                throw std::runtime_error("deflate did not finish");
            return out;
        }
    }
}

std::string compress(int window_bits, const std::string& data) {
    return deflate_stream(window_bits, data.size(), data.empty() ? std::string(1, 'x') : data);
}

// A cXML-like body larger than one 64 KiB output chunk, and not all one byte.
std::string sample_body() {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cXML payloadID=\"1@test\">\n";
    for (int i = 0; s.size() < 300 * 1024; ++i) {
        s += "  <ItemOut quantity=\"" + std::to_string(i % 17 + 1) + "\" lineNumber=\"" +
             std::to_string(i) + "\"><ItemID><SupplierPartID>P-" + std::to_string(i * 7919) +
             "</SupplierPartID></ItemID></ItemOut>\n";
    }
    return s + "</cXML>\n";
}

constexpr std::size_t limit = 8 * 1024 * 1024;

ContentCodingFailure failure_of(const ContentCodingResult& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().kind;
}

}  // namespace

TEST_CASE("content coding: no coding and identity leave the body as it is", "[content-coding]") {
    for (const char* header :
         {"", "identity", "IDENTITY", " identity ", "identity, identity", ",", " , identity ,"}) {
        INFO(header);
        const auto r = decode_content_encoding(header, "<cXML/>", limit);
        REQUIRE(r.ok());
        CHECK(r.value() == "<cXML/>");
    }
    // Not compressed, and larger than the limit all the same.
    const auto big = decode_content_encoding("", std::string(101, 'x'), 100);
    CHECK(failure_of(big) == ContentCodingFailure::too_large);
    CHECK(big.error().message == "body of 101 bytes is larger than the limit of 100 bytes");
    CHECK(decode_content_encoding("identity", std::string(100, 'x'), 100).ok());
}

TEST_CASE("content coding: gzip round trip", "[content-coding]") {
    const std::string body = sample_body();
    const std::string gz = compress(gzip_bits, body);
    REQUIRE(gz.size() < body.size() / 4);
    for (const char* header : {"gzip", "GZip", " gzip\t", "x-gzip", "X-GZIP"}) {
        INFO(header);
        const auto r = decode_content_encoding(header, gz, limit);
        REQUIRE(r.ok());
        CHECK(r.value() == body);
    }
    // An empty body compressed is still a gzip member.
    const auto empty = decode_content_encoding("gzip", compress(gzip_bits, ""), limit);
    REQUIRE(empty.ok());
    CHECK(empty.value().empty());
    // Concatenated members are one body, as gunzip reads them.
    const auto two = decode_content_encoding(
        "gzip", compress(gzip_bits, "<cXML>") + compress(gzip_bits, "</cXML>"), limit);
    REQUIRE(two.ok());
    CHECK(two.value() == "<cXML></cXML>");
}

TEST_CASE("content coding: deflate, zlib-wrapped and raw", "[content-coding]") {
    const std::string body = sample_body();
    const auto wrapped = decode_content_encoding("deflate", compress(zlib_bits, body), limit);
    REQUIRE(wrapped.ok());
    CHECK(wrapped.value() == body);
    const auto raw = decode_content_encoding("Deflate", compress(raw_bits, body), limit);
    REQUIRE(raw.ok());
    CHECK(raw.value() == body);

    // Level 0 writes raw deflate as stored blocks, whose first bytes can pass the zlib
    // header check: 0x08 (a stored block, not final) then a length whose low byte makes
    // 0x08XX divisible by 31 (0x1D = 29).
    // Here: a stored block of 29 'b' (length 0x001D, its complement 0xFFE2), then a whole
    // raw stream; read as zlib it fails at once, so it is read again as raw.
    const std::string chunk(0x1D, 'b');
    const std::string stored =
        std::string("\x08\x1D\x00\xE2\xFF", 5) + chunk + compress(raw_bits, "tail");
    const auto lookalike = decode_content_encoding("deflate", stored, limit);
    REQUIRE(lookalike.ok());
    CHECK(lookalike.value() == chunk + "tail");
}

TEST_CASE("content coding: stacked codings are undone in reverse order", "[content-coding]") {
    const std::string body = sample_body();
    // Content-Encoding: deflate, gzip means deflate was applied first, then gzip.
    const std::string twice = compress(gzip_bits, compress(zlib_bits, body));
    const auto r = decode_content_encoding("deflate, gzip", twice, limit);
    REQUIRE(r.ok());
    CHECK(r.value() == body);
    const auto with_identity =
        decode_content_encoding("gzip, identity", compress(gzip_bits, body), limit);
    REQUIRE(with_identity.ok());
    CHECK(with_identity.value() == body);
    // The wrong order does not decode.
    CHECK(failure_of(decode_content_encoding("gzip, deflate", twice, limit)) ==
          ContentCodingFailure::malformed);
}

TEST_CASE("content coding: a 1 GiB bomb is refused as too_large, quickly", "[content-coding]") {
    const std::string zeros(1024 * 1024, '\0');
    const auto refused_quickly = [](const char* coding, const std::string& bomb) {
        INFO(coding << ", " << bomb.size() << " compressed bytes");
        const auto start = std::chrono::steady_clock::now();
        const auto r = decode_content_encoding(coding, bomb, limit);
        const auto took = std::chrono::steady_clock::now() - start;
        CHECK(failure_of(r) == ContentCodingFailure::too_large);
        CHECK(r.error().message ==
              std::string(coding) + " body decodes to more than the limit of 8388608 bytes");
        // Inflating the first 8 MiB takes milliseconds; all of it would take seconds.
        CHECK(took < std::chrono::milliseconds(500));
    };
    const std::string gib_of_zeros = deflate_stream(gzip_bits, std::size_t{1} << 30, zeros, Z_RLE);
    REQUIRE(gib_of_zeros.size() < 2 * 1024 * 1024);
    refused_quickly("gzip", gib_of_zeros);
    // The same limit in the deflate paths; smaller bombs keep the test fast.
    refused_quickly("deflate", deflate_stream(zlib_bits, 16 * limit, zeros, Z_RLE));
    refused_quickly("deflate", deflate_stream(raw_bits, 16 * limit, zeros, Z_RLE));

    // A bomb inside a harmless layer is stopped in the layer that passes the limit.
    const std::string inner = deflate_stream(gzip_bits, 16 * limit, zeros, Z_RLE);
    const auto nested = decode_content_encoding("gzip, gzip", compress(gzip_bits, inner), limit);
    CHECK(failure_of(nested) == ContentCodingFailure::too_large);
}

TEST_CASE("content coding: the limit is exact", "[content-coding]") {
    const std::string body(200000, 'z');
    const std::string gz = compress(gzip_bits, body);
    CHECK(decode_content_encoding("gzip", gz, body.size()).ok());
    const auto over = decode_content_encoding("gzip", gz, body.size() - 1);
    CHECK(failure_of(over) == ContentCodingFailure::too_large);
    CHECK(over.error().message == "gzip body decodes to more than the limit of 199999 bytes");
}

TEST_CASE("content coding: an unknown coding is unsupported, naming it", "[content-coding]") {
    const auto br = decode_content_encoding("br", "x", limit);
    CHECK(failure_of(br) == ContentCodingFailure::unsupported);
    CHECK(br.error().message.rfind("unsupported content coding 'br'", 0) == 0);

    // Found before anything is decoded, wherever it is in the list.
    const auto listed = decode_content_encoding("gzip, br", "not gzip at all", limit);
    CHECK(failure_of(listed) == ContentCodingFailure::unsupported);
    CHECK(listed.error().message.find("'br'") != std::string::npos);

    for (const char* header : {"compress", "x-compress", "zstd", "gzip;q=1", "x-deflate"}) {
        INFO(header);
        const auto r = decode_content_encoding(header, "x", limit);
        CHECK(failure_of(r) == ContentCodingFailure::unsupported);
        CHECK(r.error().message.find(std::string("'") + header + "'") != std::string::npos);
    }
    CHECK(to_string(ContentCodingFailure::unsupported) == "unsupported");
}

TEST_CASE("content coding: truncated or corrupt data is malformed", "[content-coding]") {
    const std::string body = sample_body();
    const std::string gz = compress(gzip_bits, body);

    const auto truncated = decode_content_encoding("gzip", gz.substr(0, gz.size() / 2), limit);
    CHECK(failure_of(truncated) == ContentCodingFailure::malformed);
    CHECK(truncated.error().message == "gzip data is truncated");
    // Cut inside the trailer (CRC-32 and length): all the data is there, the check is not.
    const auto no_trailer = decode_content_encoding("gzip", gz.substr(0, gz.size() - 3), limit);
    CHECK(failure_of(no_trailer) == ContentCodingFailure::malformed);

    std::string bad_crc = gz;
    bad_crc[bad_crc.size() - 6] = static_cast<char>(bad_crc[bad_crc.size() - 6] ^ 0x55);
    const auto crc = decode_content_encoding("gzip", bad_crc, limit);
    CHECK(failure_of(crc) == ContentCodingFailure::malformed);
    CHECK(crc.error().message.rfind("gzip data is corrupt: ", 0) == 0);

    std::string bad_magic = gz;
    bad_magic[0] = 'x';
    CHECK(failure_of(decode_content_encoding("x-gzip", bad_magic, limit)) ==
          ContentCodingFailure::malformed);

    const auto trailing = decode_content_encoding("gzip", gz + "junk", limit);
    CHECK(failure_of(trailing) == ContentCodingFailure::malformed);
    CHECK(trailing.error().message ==
          "gzip data has 4 bytes after the end of the compressed stream");

    CHECK(failure_of(decode_content_encoding("gzip", "", limit)) ==
          ContentCodingFailure::malformed);
    CHECK(failure_of(decode_content_encoding("gzip", "<cXML/>", limit)) ==
          ContentCodingFailure::malformed);
    const auto plain = decode_content_encoding("deflate", "<cXML/>", limit);
    CHECK(failure_of(plain) == ContentCodingFailure::malformed);
    CHECK(plain.error().message.rfind("deflate data is ", 0) == 0);

    std::string bad_zlib = compress(zlib_bits, body);
    bad_zlib[bad_zlib.size() - 1] = static_cast<char>(bad_zlib.back() ^ 0x01);
    const auto adler = decode_content_encoding("deflate", bad_zlib, limit);
    CHECK(failure_of(adler) == ContentCodingFailure::malformed);
    CHECK(adler.error().message == "deflate data is corrupt: incorrect data check");
}
