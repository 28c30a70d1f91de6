#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

// The character encodings a cXML document may arrive in, and their decoding into UTF-8.
namespace punchout::cxml {

/// An encoding the reader accepts. glibc's iconv knows hundreds more; only these are allowed,
/// because they are what buyer systems are seen to send and each is tested here.
enum class Charset {
    utf_8,
    us_ascii,
    iso_8859_1,
    iso_8859_15,
    windows_1252,
    utf_16,  ///< byte order from a BOM
    utf_16le,
    utf_16be,
};

/// The IANA name: "UTF-8", "US-ASCII", "ISO-8859-1", "ISO-8859-15", "windows-1252", "UTF-16",
/// "UTF-16LE", "UTF-16BE".
std::string_view to_string(Charset charset) noexcept;

/// True for the three UTF-16 charsets.
constexpr bool is_utf16(Charset c) noexcept {
    return c == Charset::utf_16 || c == Charset::utf_16le || c == Charset::utf_16be;
}

/// The charset a label names (an XML encoding declaration or an HTTP charset parameter):
/// ASCII case-insensitive, surrounding white space and double quotes ignored, with the
/// registered aliases ("utf8", "ascii", "latin1", "l1", "latin-9", "cp1252", ...). Nullopt
/// for a label not on the list above, even one iconv would know.
std::optional<Charset> canonical_charset(std::string_view label) noexcept;

/// Why input could not be decoded.
struct TranscodeError {
    std::size_t offset = 0;  ///< of the first byte that is not part of a character
    /// What is wrong, naming the charset ("byte 0x81 is not a windows-1252 character"); the
    /// offset is left to the caller, which may count from elsewhere (before a BOM).
    std::string message;

    bool operator==(const TranscodeError&) const = default;
};

/// The result of `transcode_to_utf8`: the UTF-8 text or a TranscodeError.
class Transcoded {
public:
    Transcoded(std::string text) : result_(std::move(text)) {}
    Transcoded(TranscodeError error) : result_(std::move(error)) {}

    bool ok() const noexcept { return result_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The text; throws std::logic_error when decoding failed.
    std::string& value() {
        if (!ok())
            throw std::logic_error("Transcoded::value() after a failed decoding");
        return std::get<0>(result_);
    }
    const std::string& value() const {
        if (!ok())
            throw std::logic_error("Transcoded::value() after a failed decoding");
        return std::get<0>(result_);
    }
    /// The error; throws std::logic_error when decoding succeeded.
    const TranscodeError& error() const {
        if (ok())
            throw std::logic_error("Transcoded::error() after a successful decoding");
        return std::get<1>(result_);
    }

private:
    std::variant<std::string, TranscodeError> result_;
};

/// Decodes `bytes` from `from` into UTF-8 with POSIX iconv. UTF-8 input is validated and
/// copied; US-ASCII is strict (no byte above 0x7F). A BOM is not interpreted: UTF-16LE and
/// UTF-16BE input keeps one as U+FEFF, UTF-16 takes its byte order from it (big-endian
/// without). Throws std::bad_alloc, and std::runtime_error when iconv lacks the conversion
/// (a broken installation); undecodable input is a TranscodeError, never an exception.
Transcoded transcode_to_utf8(std::string_view bytes, Charset from);

}  // namespace punchout::cxml
