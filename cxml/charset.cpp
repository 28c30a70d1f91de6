#include "cxml/charset.hpp"

#include "cxml/detail/text.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iconv.h>

namespace punchout::cxml {

namespace {

constexpr std::array<std::pair<Charset, std::string_view>, 8> charset_names{{
    {Charset::utf_8, "UTF-8"},
    {Charset::us_ascii, "US-ASCII"},
    {Charset::iso_8859_1, "ISO-8859-1"},
    {Charset::iso_8859_15, "ISO-8859-15"},
    {Charset::windows_1252, "windows-1252"},
    {Charset::utf_16, "UTF-16"},
    {Charset::utf_16le, "UTF-16LE"},
    {Charset::utf_16be, "UTF-16BE"},
}};

// Lower-case labels: the IANA names and aliases (IANA character-sets registry), plus the
// spellings seen from Java and .NET senders ("utf8", "latin-1").
constexpr std::pair<std::string_view, Charset> charset_aliases[] = {
    {"utf-8", Charset::utf_8},
    {"utf8", Charset::utf_8},
    {"us-ascii", Charset::us_ascii},
    {"ascii", Charset::us_ascii},
    {"us", Charset::us_ascii},
    {"iso646-us", Charset::us_ascii},
    {"ansi_x3.4-1968", Charset::us_ascii},
    {"ansi_x3.4-1986", Charset::us_ascii},
    {"iso-ir-6", Charset::us_ascii},
    {"cp367", Charset::us_ascii},
    {"ibm367", Charset::us_ascii},
    {"csascii", Charset::us_ascii},
    {"iso-8859-1", Charset::iso_8859_1},
    {"iso8859-1", Charset::iso_8859_1},
    {"iso_8859-1", Charset::iso_8859_1},
    {"iso_8859-1:1987", Charset::iso_8859_1},
    {"iso88591", Charset::iso_8859_1},
    {"latin1", Charset::iso_8859_1},
    {"latin-1", Charset::iso_8859_1},
    {"l1", Charset::iso_8859_1},
    {"iso-ir-100", Charset::iso_8859_1},
    {"cp819", Charset::iso_8859_1},
    {"ibm819", Charset::iso_8859_1},
    {"csisolatin1", Charset::iso_8859_1},
    {"iso-8859-15", Charset::iso_8859_15},
    {"iso8859-15", Charset::iso_8859_15},
    {"iso_8859-15", Charset::iso_8859_15},
    {"iso885915", Charset::iso_8859_15},
    {"latin-9", Charset::iso_8859_15},
    {"latin9", Charset::iso_8859_15},
    {"l9", Charset::iso_8859_15},
    {"csiso885915", Charset::iso_8859_15},
    {"windows-1252", Charset::windows_1252},
    {"cp1252", Charset::windows_1252},
    {"x-cp1252", Charset::windows_1252},
    {"cswindows1252", Charset::windows_1252},
    {"utf-16", Charset::utf_16},
    {"utf16", Charset::utf_16},
    {"csutf16", Charset::utf_16},
    {"utf-16le", Charset::utf_16le},
    {"utf16le", Charset::utf_16le},
    {"csutf16le", Charset::utf_16le},
    {"utf-16be", Charset::utf_16be},
    {"utf16be", Charset::utf_16be},
    {"csutf16be", Charset::utf_16be},
};

class IconvHandle {
public:
    explicit IconvHandle(Charset from)
        : cd_(::iconv_open("UTF-8", std::string(to_string(from)).c_str())) {
        if (cd_ == reinterpret_cast<iconv_t>(-1)) {
            throw std::runtime_error("iconv cannot convert " + std::string(to_string(from)) +
                                     " to UTF-8: " + std::strerror(errno));
        }
    }
    ~IconvHandle() { ::iconv_close(cd_); }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;

    iconv_t get() const noexcept { return cd_; }

private:
    iconv_t cd_;
};

std::string hex_byte(unsigned char b) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

TranscodeError undecodable(std::string_view bytes, std::size_t at, Charset from, bool truncated) {
    const std::string name(to_string(from));
    if (truncated)
        return {at, "the input ends inside a " + name + " character"};
    if (is_utf16(from))
        return {at, "invalid " + name + " sequence"};
    return {at, "byte " + hex_byte(static_cast<unsigned char>(bytes[at])) + " is not a " + name +
                    " character"};
}

}  // namespace

std::string_view to_string(Charset charset) noexcept {
    for (const auto& [c, name] : charset_names) {
        if (c == charset)
            return name;
    }
    return "UTF-8";
}

std::optional<Charset> canonical_charset(std::string_view label) noexcept {
    label = detail::trim(label);
    if (label.size() >= 2 && label.front() == '"' && label.back() == '"')
        label = detail::trim(label.substr(1, label.size() - 2));
    for (const auto& [alias, charset] : charset_aliases) {
        if (detail::iequals(label, alias))
            return charset;
    }
    return std::nullopt;
}

Transcoded transcode_to_utf8(std::string_view bytes, Charset from) {
    if (from == Charset::utf_8) {
        std::size_t bad = 0;
        if (!detail::utf8_valid(bytes, bad))
            return TranscodeError{bad, "invalid UTF-8 byte sequence"};
        return std::string(bytes);
    }

    IconvHandle converter(from);
    // Most of a cXML document is ASCII markup, one byte in any of these charsets but UTF-16:
    // start at the input size and grow when iconv runs out of room.
    std::string out(bytes.size() + 64, '\0');
    std::size_t used = 0;
    // iconv's input pointer is not const for historical reasons; it only reads through it.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
        char* out_at = out.data() + used;
        std::size_t out_left = out.size() - used;
        const std::size_t r = ::iconv(converter.get(), &in, &in_left, &out_at, &out_left);
        used = static_cast<std::size_t>(out_at - out.data());
        if (r != static_cast<std::size_t>(-1))
            break;
        const int error = errno;
        if (error == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t at = bytes.size() - in_left;
        if (error == EILSEQ || error == EINVAL)
            return undecodable(bytes, at, from, error == EINVAL);
        throw std::runtime_error("iconv failed decoding " + std::string(to_string(from)) + ": " +
                                 std::strerror(error));
    }
    out.resize(used);
    return out;
}

}  // namespace punchout::cxml
