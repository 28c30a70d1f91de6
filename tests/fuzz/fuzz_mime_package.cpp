// Fuzz target for parse_multipart (cxml/mime_package.hpp). The input is a Content-Type
// header value, LF, then the body; without an LF it is all header. Built with libFuzzer
// (clang -fsanitize=fuzzer) or with fuzz_driver.cpp; see README.md.
//
// Beyond "no crash, no sanitizer report, no exception" it checks what a caller relies on:
// limits hold for accepted bodies, the root is not also an attachment, Content-IDs are
// unique, results are deterministic, and a body accepted under small limits is accepted the
// same under the defaults.
#include "cxml/mime_package.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using namespace punchout::cxml;

// Small, so that inputs of a few kilobytes reach every limit, yet large enough for the seeds
// (a cXML root under 4 KiB, all parts under 5 KiB) to be accepted.
constexpr MimeLimits small_limits{
    .max_parts = 6, .max_part_bytes = 4096, .max_total_bytes = 6144, .max_header_bytes = 512};

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_mime_package: invariant broken: %s\n", what);
        std::abort();
    }
}

bool is_lower_media_type(std::string_view t) {
    if (t.empty() || t.find('/') == std::string_view::npos)
        return false;
    for (char c : t) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || (c >= 'A' && c <= 'Z') || c == ';')
            return false;
    }
    return true;
}

void check_part(const MimePart& part, std::string_view body) {
    check(part.body.size() <= small_limits.max_part_bytes, "a part is over max_part_bytes");
    check(is_lower_media_type(part.content_type), "content_type is not a lower-case type/sub");
    check(part.content_type.compare(0, 10, "multipart/") != 0, "a nested multipart got through");
    const std::string& te = part.transfer_encoding;
    check(te.empty() || te == "7bit" || te == "8bit" || te == "binary" || te == "base64" ||
              te == "quoted-printable",
          "an unknown transfer encoding got through");
    check(part.content_id.find_first_of("<> \t") == std::string::npos,
          "a Content-ID kept brackets or white space");
    if (te != "base64" && te != "quoted-printable")
        check(body.find(part.body) != std::string_view::npos, "an identity body is not input");
}

void check_accepted(const MimeResult& r, std::string_view header, std::string_view body) {
    const MimePackage& p = r.value();
    check(is_multipart(header), "accepted under a Content-Type is_multipart() refuses");
    check(1 + p.attachments.size() <= small_limits.max_parts, "more parts than max_parts");
    std::size_t total = p.root.body.size();
    std::set<std::string> ids;
    check_part(p.root, body);
    if (!p.root.content_id.empty()) {
        ids.insert(p.root.content_id);
        check(p.find(p.root.content_id) == &p.root, "find() misses the root");
    }
    for (const MimePart& a : p.attachments) {
        check_part(a, body);
        total += a.body.size();
        if (!a.content_id.empty()) {
            // Also covers "the root is not among the attachments".
            check(ids.insert(a.content_id).second, "two parts share a Content-ID");
            check(p.find(a.content_id) == &a, "find() returns another part");
        }
    }
    check(total <= small_limits.max_total_bytes, "parts together over max_total_bytes");
    bool threw = false;
    try {
        (void)r.error();
    } catch (const std::logic_error&) {
        threw = true;
    }
    check(threw, "error() on an accepted body did not throw logic_error");

    // Larger limits cannot turn an accepted body into another result.
    const MimeResult roomy = parse_multipart(header, body);
    check(roomy.ok() && roomy.value() == p, "accepted under small limits, not under defaults");
}

void check_refused(const MimeResult& r, std::string_view body) {
    const MimeError& e = r.error();
    check(!e.message.empty(), "an error without a message");
    check(e.kind == MimeErrorKind::malformed || e.kind == MimeErrorKind::too_large ||
              e.kind == MimeErrorKind::unsupported,
          "an error kind out of range");
    check(e.offset <= body.size(), "an error offset past the body");
    check(e.part <= small_limits.max_parts + 1, "an error names a part that cannot exist");
    bool threw = false;
    try {
        (void)r.value();
    } catch (const std::logic_error&) {
        threw = true;
    }
    check(threw, "value() on a refused body did not throw logic_error");
}

void check_cid_url(std::string_view text) {
    const auto id = content_id_from_url(text);
    if (!id)
        return;
    check(!id->empty(), "content_id_from_url gave an empty id");
    for (char c : *id) {
        const auto u = static_cast<unsigned char>(c);
        check(u >= 32 && u != 127, "content_id_from_url gave a control character");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t lf = input.find('\n');
    std::string_view header = input.substr(0, lf);
    const std::string_view body =
        lf == std::string_view::npos ? std::string_view{} : input.substr(lf + 1);
    if (!header.empty() && header.back() == '\r')
        header.remove_suffix(1);

    const MimeResult r = parse_multipart(header, body, small_limits);
    if (r.ok())
        check_accepted(r, header, body);
    else
        check_refused(r, body);
    const MimeResult again = parse_multipart(header, body, small_limits);
    check(
        again.ok() == r.ok() && (r.ok() ? again.value() == r.value() : again.error() == r.error()),
        "not deterministic");

    check_cid_url(header);
    check_cid_url(body.substr(0, 256));
    return 0;
}
