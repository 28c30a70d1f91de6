#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

// Request bodies sent with a Content-Encoding (RFC 9110 §8.4): undone before the body is read
// as a document. Which HTTP status each failure gets is decided elsewhere.
namespace punchout::gateway {

/// Why a body could not be decoded.
enum class ContentCodingFailure {
    unsupported,  ///< a coding other than gzip, x-gzip, deflate and identity
    too_large,    ///< the decoded body would be larger than the limit (a compression bomb)
    malformed,    ///< the data is not what its coding says (corrupt, truncated, trailing bytes)
};

/// "unsupported", "too_large", "malformed".
std::string_view to_string(ContentCodingFailure failure) noexcept;

/// A body refused by `decode_content_encoding`.
struct ContentCodingError {
    ContentCodingFailure kind = ContentCodingFailure::malformed;
    std::string message;  ///< names the coding, or the limit for too_large

    bool operator==(const ContentCodingError&) const = default;
};

/// The decoded body or a ContentCodingError.
class ContentCodingResult {
public:
    ContentCodingResult(std::string body) : result_(std::move(body)) {}
    ContentCodingResult(ContentCodingError error) : result_(std::move(error)) {}

    bool ok() const noexcept { return result_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The decoded body; throws std::logic_error when decoding failed.
    std::string& value() {
        if (!ok())
            throw std::logic_error("ContentCodingResult::value() after a failed decoding");
        return std::get<0>(result_);
    }
    const std::string& value() const {
        if (!ok())
            throw std::logic_error("ContentCodingResult::value() after a failed decoding");
        return std::get<0>(result_);
    }
    /// The error; throws std::logic_error when decoding succeeded.
    const ContentCodingError& error() const {
        if (ok())
            throw std::logic_error("ContentCodingResult::error() after a successful decoding");
        return std::get<1>(result_);
    }

private:
    std::variant<std::string, ContentCodingError> result_;
};

/// Decodes a request body per its Content-Encoding header value (RFC 9110 §8.4). "" and
/// "identity" leave it as it is; "gzip" and "x-gzip" are gzip (RFC 1952, several members
/// allowed); "deflate" is the zlib format (RFC 1950), or raw deflate (RFC 1951) as some
/// clients send it when the data has no zlib header. Codings are matched case-insensitively;
/// those of a list ("gzip, identity") were applied in the order listed and are undone in
/// reverse. Any other coding is `unsupported`, naming it, before anything is decoded.
///
/// No result is larger than `max_decoded` bytes: the output of every step is counted as it
/// is inflated, 64 KiB at a time, and decoding stops with `too_large` as soon as it passes
/// the limit, so a compression bomb costs at most the limit plus one chunk of memory. A body
/// sent without coding and larger than the limit is `too_large` as well. Corrupt or
/// truncated data, or bytes after the end of the compressed stream, are `malformed`. Throws
/// std::bad_alloc, and std::logic_error only if zlib reports being misused (a bug).
ContentCodingResult decode_content_encoding(std::string_view header_value, std::string body,
                                            std::size_t max_decoded);

}  // namespace punchout::gateway
