#pragma once

// A cXML document with its attachments, as one HTTP body: RFC 2387 multipart/related (SAP
// Ariba's OrderRequest with attachments) or multipart/mixed (some senders, Coupa among them).
// The root part holds the cXML; `Comments/Attachment/URL` names the other parts by
// `cid:` URL (RFC 2392).

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace punchout::cxml {

/// Limits for reading an untrusted multipart body. Sizes are of decoded bytes.
struct MimeLimits {
    std::size_t max_parts = 100;                     ///< parts, the root included
    std::size_t max_part_bytes = 8 * 1024 * 1024;    ///< the decoded size of one part
    std::size_t max_total_bytes = 32 * 1024 * 1024;  ///< the decoded sum of all parts
    std::size_t max_header_bytes = 16 * 1024;        ///< one part's header block
};

/// One body part, decoded.
struct MimePart {
    std::string content_id;         ///< `Content-ID` without the angle brackets; "" when absent
    std::string content_type;       ///< media type, lower case, no parameters: "application/pdf";
                                    ///< "text/plain" when absent (RFC 2045 §5.2)
    std::string charset;            ///< the `charset` parameter as written; "" when absent
    std::string filename;           ///< `Content-Disposition` filename (else `Content-Type`
                                    ///< name), RFC 2231 decoded to UTF-8; "" when none. Never
                                    ///< use it as a path: it is whatever the sender wrote.
    std::string transfer_encoding;  ///< `Content-Transfer-Encoding` in lower case; "" when
                                    ///< absent (which means 7bit)
    std::string body;               ///< the decoded bytes

    bool operator==(const MimePart&) const = default;
};

/// A multipart body split into its root part and attachments.
struct MimePackage {
    MimePart root;                      ///< the part `start` names, else the first part
    std::vector<MimePart> attachments;  ///< every other part, in order

    /// The part (root or attachment) with this Content-ID, exactly; nullptr when none has it.
    const MimePart* find(std::string_view content_id) const noexcept;

    bool operator==(const MimePackage&) const = default;
};

/// Why a multipart body was refused.
enum class MimeErrorKind {
    malformed,    ///< not a well-formed multipart body: no boundary, truncated, bad base64 or
                  ///< quoted-printable, a duplicate Content-ID, start naming no part, ...
    too_large,    ///< beyond one of the MimeLimits
    unsupported,  ///< well-formed but not handled: a Content-Type other than
                  ///< multipart/related or multipart/mixed, an unknown transfer encoding,
                  ///< a nested multipart part
};

/// A short name for the kind ("malformed", "too_large", "unsupported").
std::string_view to_string(MimeErrorKind kind) noexcept;

/// A refused multipart body: what is wrong and where.
struct MimeError {
    MimeErrorKind kind = MimeErrorKind::malformed;
    std::string message;     ///< for a person: names the part number, header or limit at fault
    std::size_t part = 0;    ///< the 1-based part at fault; 0 for the body or Content-Type header
    std::size_t offset = 0;  ///< byte offset in the body where it was noticed (0 for the header)

    bool operator==(const MimeError&) const = default;
};

/// The result of `parse_multipart`: a package or a MimeError.
class MimeResult {
public:
    MimeResult(MimePackage package) : result_(std::move(package)) {}
    MimeResult(MimeError error) : result_(std::move(error)) {}

    /// True when the body was accepted.
    bool ok() const noexcept { return result_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The package; throws std::logic_error when the body was refused.
    MimePackage& value() {
        if (!ok())
            throw std::logic_error("MimeResult::value() on a refused body");
        return std::get<0>(result_);
    }
    const MimePackage& value() const {
        if (!ok())
            throw std::logic_error("MimeResult::value() on a refused body");
        return std::get<0>(result_);
    }
    /// The error; throws std::logic_error when the body was accepted.
    const MimeError& error() const {
        if (ok())
            throw std::logic_error("MimeResult::error() on an accepted body");
        return std::get<1>(result_);
    }

private:
    std::variant<MimePackage, MimeError> result_;
};

/// True when the media type of an HTTP Content-Type value (parameters ignored,
/// case-insensitive) is multipart/related or multipart/mixed.
bool is_multipart(std::string_view content_type_header) noexcept;

/// Splits `body`, framed by the HTTP Content-Type header value (its `boundary` and `start`
/// parameters), into decoded parts. Strict: a missing close delimiter, a duplicate
/// Content-ID, a repeated Content-* header, bad base64 or quoted-printable are refused; only
/// bare LF line endings, transport padding and unquoted `type=text/xml`-style parameter
/// values are forgiven (the full list heads mime_package.cpp). One pass over the body; sizes
/// are checked while decoding. Never throws: running out of memory is a too_large error.
MimeResult parse_multipart(std::string_view content_type_header, std::string_view body,
                           const MimeLimits& limits = {}) noexcept;

/// The Content-ID a `cid:` URL names: "cid:abc%40x" -> "abc@x" (RFC 2392: URL-decoded; the
/// scheme in any case; surrounding white space and angle brackets, which some senders add,
/// are dropped). nullopt when it is not a cid: URL, is empty, or has a bad %-escape or a
/// control character.
std::optional<std::string> content_id_from_url(std::string_view url);

}  // namespace punchout::cxml
