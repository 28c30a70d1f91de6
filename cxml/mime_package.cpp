#include "cxml/mime_package.hpp"

#include "cxml/detail/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <new>
#include <unordered_map>
#include <utility>

// The rules, in one place:
// - framing (RFC 2046 §5.1.1): a delimiter is CRLF "--" boundary at the start of a line,
//   then transport padding (spaces, tabs) and CRLF, or "--" for the close delimiter. A bare
//   LF counts as CRLF, because real senders emit them. A line that merely starts with the
//   delimiter ("--boundaryX", "--boundary--X") is content. Preamble and epilogue are
//   dropped.
// - headers (RFC 5322 §2.2): folded lines are unfolded, names compare case-insensitively,
//   a repeated Content-Type / Content-ID / Content-Transfer-Encoding / Content-Disposition
//   is refused (which one wins is exactly what a smuggling attempt would rely on).
// - parameters (RFC 2045 §5.1, RFC 2231): comments and white space anywhere, quoted strings
//   with backslash escapes; an unquoted value may also hold the tspecials real senders leave
//   unquoted (`type=text/xml`, `start=<root@x>`), up to the next ';'.
// - bodies: identity, base64 (white space ignored, anything else outside the alphabet and
//   any padding error refused), quoted-printable (RFC 2045 §6.7, lower-case hex accepted).

namespace punchout::cxml {
namespace {

using detail::iequals;
using detail::to_lower;

using Failure = std::optional<MimeError>;

constexpr std::size_t npos = std::string_view::npos;

bool is_wsp(char c) noexcept {
    return c == ' ' || c == '\t';
}

bool is_tspecial(char c) noexcept {
    return std::string_view("()<>@,;:\\\"/[]?=").find(c) != npos;
}

bool is_token_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u > 32 && u < 127 && !is_tspecial(c);
}

// What an unquoted parameter value may hold: a token, plus the tspecials senders forget to
// quote. Stops at ';' and at what would start a quoted string or a comment.
bool is_bare_value_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u > 32 && u != 127 && c != ';' && c != '"' && c != '(' && c != ')' && c != '\\';
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

std::string_view trim_wsp(std::string_view s) noexcept {
    while (!s.empty() && is_wsp(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_wsp(s.back()))
        s.remove_suffix(1);
    return s;
}

// Peer bytes quoted for a message: printable ASCII as is, the rest as \xHH, cut short so a
// hostile header cannot flood a log line.
std::string shown(std::string_view s, std::size_t max = 60) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < max; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 32 && u < 127 && u != '"' && u != '\\') {
            out.push_back(static_cast<char>(u));
        } else {
            out += "\\x";
            out.push_back(digits[u >> 4]);
            out.push_back(digits[u & 0xF]);
        }
    }
    if (s.size() > max)
        out += "...";
    out.push_back('"');
    return out;
}

// A Content-ID for a message: `<id>`, escaped like `shown`.
std::string angle(std::string_view id) {
    const std::string s = shown(id);
    return "<" + s.substr(1, s.size() - 2) + ">";
}

std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) {
            out.push_back(c);
        } else {
            out.push_back(static_cast<char>(0xC0 | (u >> 6)));
            out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
        }
    }
    return out;
}

// %XX-decodes `s` onto `out`; false on a bad escape.
bool percent_decode(std::string_view s, std::string& out) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
        const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// Structured header values: `type/subtype; name=value; ...` and `attachment; filename=...`

class FieldLexer {
public:
    explicit FieldLexer(std::string_view s) noexcept : s_(s) {}

    // False on an unterminated comment.
    bool skip_cfws() noexcept {
        while (pos_ < s_.size()) {
            if (is_wsp(s_[pos_])) {
                ++pos_;
                continue;
            }
            if (s_[pos_] != '(')
                return true;
            std::size_t depth = 0;
            do {
                if (pos_ >= s_.size())
                    return false;
                const char c = s_[pos_++];
                if (c == '\\') {
                    if (pos_ >= s_.size())
                        return false;
                    ++pos_;
                } else if (c == '(') {
                    ++depth;
                } else if (c == ')') {
                    --depth;
                }
            } while (depth > 0);
        }
        return true;
    }

    bool at_end() const noexcept { return pos_ >= s_.size(); }
    char peek() const noexcept { return s_[pos_]; }
    void advance() noexcept { ++pos_; }
    std::string_view rest() const noexcept { return s_.substr(pos_); }

    std::string_view token() noexcept {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && is_token_char(s_[pos_]))
            ++pos_;
        return s_.substr(start, pos_ - start);
    }

    std::string_view bare_value() noexcept {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && is_bare_value_char(s_[pos_]))
            ++pos_;
        return s_.substr(start, pos_ - start);
    }

    // At the opening quote; false when the string is not closed.
    bool quoted_string(std::string& out) {
        ++pos_;
        while (pos_ < s_.size()) {
            const char c = s_[pos_++];
            if (c == '"')
                return true;
            if (c == '\\') {
                if (pos_ >= s_.size())
                    return false;
                out.push_back(s_[pos_++]);
            } else {
                out.push_back(c);
            }
        }
        return false;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// A media type or disposition type, lower case, with its parameters (names lower case,
// RFC 2231 sections joined and decoded).
struct FieldValue {
    std::string value;
    std::map<std::string, std::string> params;

    const std::string* param(const std::string& name) const {
        const auto it = params.find(name);
        return it == params.end() ? nullptr : &it->second;
    }
};

// The bytes of an RFC 2231 value in its charset, as UTF-8 where the charset allows it;
// other charsets are kept as sent (a filename is shown to people, never interpreted).
std::string from_charset(std::string_view charset, std::string bytes) {
    if (iequals(charset, "iso-8859-1") || iequals(charset, "latin1"))
        return latin1_to_utf8(bytes);
    return bytes;
}

struct Section {
    bool extended = false;
    std::string value;
};

// Joins `name*0`, `name*1*`, ... (RFC 2231 §3, §4.1) into one decoded value.
bool join_sections(const std::string& name, const std::map<std::size_t, Section>& sections,
                   std::string& out, std::string& problem) {
    std::size_t expected = 0;
    std::string charset;
    std::string bytes;
    for (const auto& [number, section] : sections) {
        if (number != expected) {
            problem = "parameter " + name + "*" + std::to_string(expected) +
                      " is missing (RFC 2231 sections must be numbered from 0 without gaps)";
            return false;
        }
        std::string_view text = section.value;
        if (number == 0 && section.extended) {
            const std::size_t q1 = text.find('\'');
            const std::size_t q2 = q1 == npos ? npos : text.find('\'', q1 + 1);
            if (q2 == npos) {
                problem = "parameter " + name + "*0* is not charset'language'value (RFC 2231)";
                return false;
            }
            charset = std::string(text.substr(0, q1));
            text.remove_prefix(q2 + 1);
        }
        if (section.extended) {
            if (!percent_decode(text, bytes)) {
                problem = "parameter " + name + "*" + std::to_string(number) +
                          " has a bad %-escape: " + shown(section.value);
                return false;
            }
        } else {
            bytes += text;
        }
        ++expected;
    }
    out = from_charset(charset, std::move(bytes));
    return true;
}

// Parses a structured field; `media_type` asks for `type/subtype`, else a single token.
// On failure `problem` says what is wrong, for a message that names the header.
bool parse_field(std::string_view text, bool media_type, FieldValue& out, std::string& problem) {
    FieldLexer lex(text);
    const auto cfws = [&] {
        if (lex.skip_cfws())
            return true;
        problem = "has an unterminated comment";
        return false;
    };
    if (!cfws())
        return false;
    const std::string_view type = lex.token();
    if (type.empty()) {
        problem = media_type ? "is not a media type like text/xml: " + shown(text)
                             : "does not start with a disposition type: " + shown(text);
        return false;
    }
    out.value = to_lower(type);
    if (media_type) {
        if (!cfws())
            return false;
        if (lex.at_end() || lex.peek() != '/') {
            problem = "is not a media type like text/xml: " + shown(text);
            return false;
        }
        lex.advance();
        if (!cfws())
            return false;
        const std::string_view subtype = lex.token();
        if (subtype.empty()) {
            problem = "is not a media type like text/xml: " + shown(text);
            return false;
        }
        out.value += '/';
        out.value += to_lower(subtype);
    }

    std::map<std::string, std::string> plain;
    std::map<std::string, std::string> extended;
    std::map<std::string, std::map<std::size_t, Section>> sectioned;
    for (;;) {
        if (!cfws())
            return false;
        if (lex.at_end())
            break;
        if (lex.peek() != ';') {
            problem = "has " + shown(lex.rest(), 20) + " where ';' or the end was expected";
            return false;
        }
        lex.advance();
        if (!cfws())
            return false;
        // A trailing or doubled ';' is common and harmless.
        if (lex.at_end() || lex.peek() == ';')
            continue;
        std::string name = to_lower(lex.token());
        if (name.empty()) {
            problem = "has " + shown(lex.rest(), 20) + " where a parameter name was expected";
            return false;
        }
        if (!cfws())
            return false;
        if (lex.at_end() || lex.peek() != '=') {
            problem = "has parameter " + name + " without '=' and a value";
            return false;
        }
        lex.advance();
        if (!cfws())
            return false;
        std::string value;
        if (!lex.at_end() && lex.peek() == '"') {
            if (!lex.quoted_string(value)) {
                problem = "has an unterminated quoted string in parameter " + name;
                return false;
            }
        } else {
            value = std::string(lex.bare_value());
            if (value.empty()) {
                problem = "has parameter " + name + " without a value";
                return false;
            }
        }

        bool is_extended = false;
        if (name.size() > 1 && name.back() == '*') {
            is_extended = true;
            name.pop_back();
        }
        std::optional<std::size_t> section;
        if (const std::size_t star = name.rfind('*'); star != npos && star + 1 < name.size()) {
            const std::string_view digits = std::string_view(name).substr(star + 1);
            // Four digits are far more sections than a 16 KiB header block can hold.
            const bool numeric = digits.size() <= 4 &&
                                 std::all_of(digits.begin(), digits.end(),
                                             [](char c) { return c >= '0' && c <= '9'; }) &&
                                 (digits.size() == 1 || digits[0] != '0');
            if (numeric) {
                section = static_cast<std::size_t>(std::stoul(std::string(digits)));
                name.resize(star);
            }
        }

        const auto twice = [&](const std::string& shown_name) {
            problem = "has parameter " + shown_name + " twice";
            return false;
        };
        if (section) {
            auto& sections = sectioned[name];
            if (!sections.emplace(*section, Section{is_extended, std::move(value)}).second)
                return twice(name + "*" + std::to_string(*section));
        } else if (is_extended) {
            const std::size_t q1 = value.find('\'');
            const std::size_t q2 = q1 == npos ? npos : value.find('\'', q1 + 1);
            if (q2 == npos) {
                problem = "has parameter " + name + "* that is not charset'language'value";
                return false;
            }
            std::string bytes;
            if (!percent_decode(std::string_view(value).substr(q2 + 1), bytes)) {
                problem = "has parameter " + name + "* with a bad %-escape: " + shown(value);
                return false;
            }
            if (!extended.emplace(name, from_charset(value.substr(0, q1), std::move(bytes))).second)
                return twice(name + "*");
        } else if (!plain.emplace(name, std::move(value)).second) {
            return twice(name);
        }
    }

    for (const auto& [name, sections] : sectioned) {
        std::string joined;
        if (!join_sections(name, sections, joined, problem))
            return false;
        if (!extended.emplace(name, std::move(joined)).second) {
            problem = "has parameter " + name + "* both whole and in RFC 2231 sections";
            return false;
        }
    }
    out.params = std::move(plain);
    // RFC 6266 §4.3: the extended form wins over the plain one it travels with.
    for (auto& [name, value] : extended)
        out.params[name] = std::move(value);
    return true;
}

// ---------------------------------------------------------------------------------------
// Body decoders. Each stops as soon as the output would pass `cap`, so a part far over the
// limit costs no more memory than the limit.

enum class DecodeStatus { ok, invalid, over_cap };

struct Decoded {
    DecodeStatus status = DecodeStatus::ok;
    std::size_t at = 0;  // offset in the encoded text of the problem
    std::string why;
};

Decoded invalid(std::size_t at, std::string why) {
    return Decoded{DecodeStatus::invalid, at, std::move(why)};
}

constexpr std::array<signed char, 256> base64_table() {
    std::array<signed char, 256> t{};
    for (auto& v : t)
        v = -1;
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
}

Decoded decode_base64(std::string_view in, std::size_t cap, std::string& out) {
    static constexpr auto table = base64_table();
    out.reserve(std::min(cap, in.size() / 4 * 3));
    std::uint32_t acc = 0;
    int chars = 0;    // of the current 4-character group
    int padding = 0;  // '=' seen in the current group
    bool finished = false;
    std::size_t group_at = 0;
    const auto emit = [&](int count) {
        if (out.size() + static_cast<std::size_t>(count) > cap)
            return false;
        if (count == 3) {
            out.push_back(static_cast<char>((acc >> 16) & 0xFF));
            out.push_back(static_cast<char>((acc >> 8) & 0xFF));
            out.push_back(static_cast<char>(acc & 0xFF));
        } else if (count == 2) {
            out.push_back(static_cast<char>((acc >> 10) & 0xFF));
            out.push_back(static_cast<char>((acc >> 2) & 0xFF));
        } else {
            out.push_back(static_cast<char>((acc >> 4) & 0xFF));
        }
        return true;
    };
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (finished)
            return invalid(i, "data after the base64 '=' padding");
        if (chars == 0 && padding == 0)
            group_at = i;
        if (c == '=') {
            if (chars < 2)
                return invalid(i, "misplaced base64 '=' padding");
            if (++padding + chars == 4) {
                if (!emit(chars - 1))
                    return Decoded{DecodeStatus::over_cap, i, {}};
                finished = true;
            }
            continue;
        }
        if (padding > 0)
            return invalid(i, "base64 data inside the '=' padding");
        const int v = table[static_cast<unsigned char>(c)];
        if (v < 0)
            return invalid(i, "invalid base64 character " + shown(in.substr(i, 1)));
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        if (++chars == 4) {
            if (!emit(3))
                return Decoded{DecodeStatus::over_cap, i, {}};
            chars = 0;
            acc = 0;
        }
    }
    if (!finished && (chars != 0 || padding != 0)) {
        return invalid(group_at, "base64 ends in the middle of a 4-character group (" +
                                     std::to_string(chars + padding) +
                                     " characters; missing '=' padding or truncated?)");
    }
    return {};
}

// Where a line break starts at `i`: its length (CRLF 2, LF 1), else 0.
std::size_t line_break_at(std::string_view s, std::size_t i) noexcept {
    if (i < s.size() && s[i] == '\n')
        return 1;
    if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n')
        return 2;
    return 0;
}

Decoded decode_quoted_printable(std::string_view in, std::size_t cap, std::string& out) {
    out.reserve(std::min(cap, in.size()));
    std::size_t i = 0;
    while (i < in.size()) {
        const char c = in[i];
        if (c == '=') {
            const int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
            const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                if (out.size() + 1 > cap)
                    return Decoded{DecodeStatus::over_cap, i, {}};
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 3;
                continue;
            }
            // A soft line break; transport may have left white space after the '='.
            std::size_t j = i + 1;
            while (j < in.size() && is_wsp(in[j]))
                ++j;
            if (j == in.size()) {
                i = j;
            } else if (const std::size_t br = line_break_at(in, j); br > 0) {
                i = j + br;
            } else {
                return invalid(i, "invalid quoted-printable escape " + shown(in.substr(i, 3)) +
                                      " ('=' must be followed by two hex digits or a line end)");
            }
            continue;
        }
        std::size_t j = i + 1;
        if (is_wsp(c)) {
            // RFC 2045 §6.7 rule 3: white space ending a line was added in transport.
            while (j < in.size() && is_wsp(in[j]))
                ++j;
            if (j == in.size() || line_break_at(in, j) > 0) {
                i = j;
                continue;
            }
        }
        if (out.size() + (j - i) > cap)
            return Decoded{DecodeStatus::over_cap, i, {}};
        out.append(in.substr(i, j - i));
        i = j;
    }
    return {};
}

// ---------------------------------------------------------------------------------------
// Framing and parts

// RFC 2046 §5.1.1 bchars; the last one may not be a space.
bool valid_boundary(std::string_view b, std::string& problem) {
    if (b.empty() || b.size() > 70) {
        problem = "boundary parameter must be 1 to 70 characters long, it has " +
                  std::to_string(b.size());
        return false;
    }
    for (char c : b) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                        (c >= 'a' && c <= 'z') || std::string_view("'()+_,-./:=? ").find(c) != npos;
        if (!ok) {
            problem = "boundary parameter has " + shown(std::string_view(&c, 1)) +
                      ", which RFC 2046 does not allow in a boundary";
            return false;
        }
    }
    if (b.back() == ' ') {
        problem = "boundary parameter ends with a space, which RFC 2046 does not allow";
        return false;
    }
    return true;
}

// `<id>` or `id` (white space around it dropped) -> id; nullopt when the brackets do not
// pair or nothing is inside.
std::optional<std::string_view> bare_content_id(std::string_view value) {
    value = trim_wsp(value);
    if (!value.empty() && value.front() == '<') {
        if (value.size() < 2 || value.back() != '>')
            return std::nullopt;
        value = value.substr(1, value.size() - 2);
    }
    if (value.empty() || value.find_first_of("<> \t") != npos)
        return std::nullopt;
    return value;
}

// The headers of one part that matter here, unfolded, white space trimmed.
struct PartHeaders {
    std::optional<std::string> content_type;
    std::optional<std::string> content_id;
    std::optional<std::string> transfer_encoding;
    std::optional<std::string> disposition;
};

class MultipartReader {
public:
    MultipartReader(std::string_view body, std::string_view boundary, const MimeLimits& limits)
        : body_(body),
          pattern_("\n--" + std::string(boundary)),
          searcher_(pattern_.begin(), pattern_.end()),
          limits_(limits) {}

    MultipartReader(const MultipartReader&) = delete;
    MultipartReader& operator=(const MultipartReader&) = delete;

    Failure read_all();
    std::vector<MimePart>& parts() noexcept { return parts_; }

private:
    struct Delimiter {
        std::size_t content_end = 0;  // where the content before it ends (its CR or LF)
        std::size_t after = 0;        // the first byte after its line
        bool close = false;
        bool at_end = false;  // the body ends on the delimiter line: truncated
    };

    std::optional<Delimiter> first_delimiter() const;
    std::optional<Delimiter> next_delimiter(std::size_t from) const;
    std::optional<Delimiter> classify(std::size_t line, std::size_t tail) const;
    Failure read_part(std::string_view content, std::size_t offset);
    Failure read_headers(std::string_view content, std::size_t offset, PartHeaders& headers,
                         std::size_t& body_start);
    Failure decode(MimePart& part, std::string_view raw, std::size_t offset);

    MimeError fail(MimeErrorKind kind, std::size_t offset, std::string message) const {
        return MimeError{kind, std::move(message), part_, offset};
    }
    std::string label() const { return "part " + std::to_string(part_); }
    std::string label(const MimePart& part) const {
        std::string s = label();
        if (!part.content_id.empty()) {
            s += " (Content-ID " + angle(part.content_id) + ")";
        }
        return s;
    }
    std::string close_delimiter() const { return "--" + pattern_.substr(3) + "--"; }

    std::string_view body_;
    std::string pattern_;  // LF "--" boundary: every delimiter but one at offset 0
    std::boyer_moore_horspool_searcher<std::string::const_iterator> searcher_;
    const MimeLimits& limits_;
    std::vector<MimePart> parts_;
    std::unordered_map<std::string, std::size_t> part_by_id_;
    std::size_t part_ = 0;   // the part being read, 1-based
    std::size_t total_ = 0;  // decoded bytes so far
};

// `line` is where "--boundary" starts, `tail` just after it.
std::optional<MultipartReader::Delimiter> MultipartReader::classify(std::size_t line,
                                                                    std::size_t tail) const {
    Delimiter d;
    d.content_end = line;
    if (line > 0 && body_[line - 1] == '\n') {
        d.content_end = line - 1;
        if (line > 1 && body_[line - 2] == '\r')
            d.content_end = line - 2;
    }
    std::size_t i = tail;
    if (body_.substr(tail, 2) == "--") {
        d.close = true;
        i += 2;
    }
    while (i < body_.size() && is_wsp(body_[i]))
        ++i;
    if (i == body_.size()) {
        d.at_end = !d.close;
        d.after = i;
        return d;
    }
    if (const std::size_t br = line_break_at(body_, i); br > 0) {
        d.after = i + br;
        return d;
    }
    return std::nullopt;  // "--boundaryX...": a line of content
}

std::optional<MultipartReader::Delimiter> MultipartReader::first_delimiter() const {
    const std::string_view dash = std::string_view(pattern_).substr(1);
    if (body_.substr(0, dash.size()) == dash) {
        if (auto d = classify(0, dash.size()))
            return d;
    }
    return next_delimiter(0);
}

std::optional<MultipartReader::Delimiter> MultipartReader::next_delimiter(std::size_t from) const {
    // Every candidate that turns out to be content resumes the search one byte later, so
    // the scan stays linear in the body.
    while (from < body_.size()) {
        const auto [hit, hit_end] =
            searcher_(body_.begin() + static_cast<std::ptrdiff_t>(from), body_.end());
        if (hit == body_.end())
            return std::nullopt;
        const auto lf = static_cast<std::size_t>(hit - body_.begin());
        if (auto d = classify(lf + 1, lf + pattern_.size()))
            return d;
        from = lf + 1;
    }
    return std::nullopt;
}

Failure MultipartReader::read_all() {
    const auto first = first_delimiter();
    if (!first) {
        return fail(MimeErrorKind::malformed, 0,
                    "the body has no delimiter line " + shown(pattern_.substr(1)) +
                        ": not the boundary of the Content-Type header, or not multipart");
    }
    if (first->close) {
        return fail(MimeErrorKind::malformed, first->content_end,
                    "the body has no parts: its first delimiter is the close delimiter");
    }
    std::size_t start = first->after;
    bool at_end = first->at_end;
    for (;;) {
        ++part_;
        if (at_end) {
            return fail(MimeErrorKind::malformed, body_.size(),
                        "the body ends at the delimiter line before " + label() +
                            " without the close delimiter " + shown(close_delimiter()) +
                            ": truncated");
        }
        if (part_ > limits_.max_parts) {
            return fail(MimeErrorKind::too_large, start,
                        "more than " + std::to_string(limits_.max_parts) +
                            " parts (MimeLimits::max_parts)");
        }
        // From the LF that ended the previous delimiter line, so a part with no bytes at all
        // ("--b" CRLF "--b") is found too.
        const auto next = next_delimiter(start - 1);
        if (!next) {
            return fail(MimeErrorKind::malformed, body_.size(),
                        "the body ends inside " + label() + " without the close delimiter " +
                            shown(close_delimiter()) + ": truncated");
        }
        const std::size_t end = std::max(start, next->content_end);
        if (auto e = read_part(body_.substr(start, end - start), start))
            return e;
        if (next->close)
            return std::nullopt;
        start = next->after;
        at_end = next->at_end;
    }
}

Failure MultipartReader::read_headers(std::string_view content, std::size_t offset,
                                      PartHeaders& headers, std::size_t& body_start) {
    std::size_t header_bytes = 0;
    std::string name;
    std::string value;
    bool have = false;
    std::size_t line_at = 0;

    const auto finish = [&]() -> Failure {
        if (!have)
            return std::nullopt;
        have = false;
        const std::pair<std::string_view, std::optional<std::string>*> known[] = {
            {"Content-Type", &headers.content_type},
            {"Content-ID", &headers.content_id},
            {"Content-Transfer-Encoding", &headers.transfer_encoding},
            {"Content-Disposition", &headers.disposition},
        };
        const auto it = std::find_if(std::begin(known), std::end(known),
                                     [&](const auto& k) { return iequals(k.first, name); });
        if (it == std::end(known))
            return std::nullopt;
        std::optional<std::string>* slot = it->second;
        if (slot->has_value()) {
            return fail(MimeErrorKind::malformed, offset + line_at,
                        label() + " has two " + std::string(it->first) + " headers");
        }
        *slot = std::string(trim_wsp(value));
        return std::nullopt;
    };

    std::size_t i = 0;
    while (i < content.size()) {
        // Never look further for the line end than the header budget allows: a part that is
        // one endless line costs the limit, not its length.
        const std::size_t budget = limits_.max_header_bytes - header_bytes;
        const std::string_view window = content.substr(i, std::min(budget, content.size()) + 2);
        const std::size_t lf = window.find('\n');
        std::size_t next;
        std::string_view line;
        if (lf == npos) {
            if (i + window.size() < content.size()) {
                return fail(MimeErrorKind::too_large, offset + i,
                            label() + " has a header block larger than " +
                                std::to_string(limits_.max_header_bytes) +
                                " bytes (MimeLimits::max_header_bytes)");
            }
            line = window;
            next = content.size();
        } else {
            line = window.substr(0, lf);
            next = i + lf + 1;
        }
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty()) {
            body_start = next;
            return finish();
        }
        header_bytes += next - i;
        if (header_bytes > limits_.max_header_bytes) {
            return fail(MimeErrorKind::too_large, offset + i,
                        label() + " has a header block larger than " +
                            std::to_string(limits_.max_header_bytes) +
                            " bytes (MimeLimits::max_header_bytes)");
        }
        if (line.find_first_of(std::string_view("\r\0", 2)) != npos) {
            return fail(MimeErrorKind::malformed, offset + i,
                        label() + " has a header line with a bare CR or a NUL: " + shown(line));
        }
        if (is_wsp(line.front())) {
            if (!have) {
                return fail(
                    MimeErrorKind::malformed, offset + i,
                    label() + " starts its headers with a continuation line: " + shown(line));
            }
            // RFC 5322 §2.2.3: unfolding removes the line break and keeps the white space.
            value += line;
        } else {
            if (auto e = finish())
                return e;
            const std::size_t colon = line.find(':');
            const std::string_view field =
                colon == npos ? std::string_view{} : trim_wsp(line.substr(0, colon));
            const bool valid_name =
                !field.empty() && std::all_of(field.begin(), field.end(), [](char c) {
                    const auto u = static_cast<unsigned char>(c);
                    return u > 32 && u < 127;
                });
            if (!valid_name) {
                return fail(MimeErrorKind::malformed, offset + i,
                            label() + " has a header line that is not \"Name: value\": " +
                                shown(line) + " (a missing blank line before the body?)");
            }
            name = std::string(field);
            value = std::string(line.substr(colon + 1));
            have = true;
            line_at = i;
        }
        i = next;
    }
    body_start = content.size();
    return finish();
}

Failure MultipartReader::read_part(std::string_view content, std::size_t offset) {
    PartHeaders headers;
    std::size_t body_start = 0;
    if (auto e = read_headers(content, offset, headers, body_start))
        return e;

    MimePart part;
    part.content_type = "text/plain";
    std::string problem;
    if (headers.content_type) {
        FieldValue ct;
        if (!parse_field(*headers.content_type, true, ct, problem))
            return fail(MimeErrorKind::malformed, offset, label() + ": Content-Type " + problem);
        part.content_type = ct.value;
        if (const std::string* charset = ct.param("charset"))
            part.charset = *charset;
        if (const std::string* name = ct.param("name"))
            part.filename = *name;
    }
    if (headers.disposition) {
        FieldValue cd;
        if (!parse_field(*headers.disposition, false, cd, problem)) {
            return fail(MimeErrorKind::malformed, offset,
                        label() + ": Content-Disposition " + problem);
        }
        if (const std::string* filename = cd.param("filename"))
            part.filename = *filename;
    }
    if (headers.content_id) {
        const auto id = bare_content_id(*headers.content_id);
        if (!id) {
            return fail(
                MimeErrorKind::malformed, offset,
                label() + " has a Content-ID that is not <id>: " + shown(*headers.content_id));
        }
        part.content_id = std::string(*id);
    }
    if (headers.transfer_encoding) {
        FieldLexer lex(*headers.transfer_encoding);
        std::string_view token;
        if (lex.skip_cfws())
            token = lex.token();
        if (token.empty() || !lex.skip_cfws() || !lex.at_end()) {
            return fail(MimeErrorKind::malformed, offset,
                        label(part) + " has a Content-Transfer-Encoding that is not a token: " +
                            shown(*headers.transfer_encoding));
        }
        part.transfer_encoding = to_lower(token);
    }

    if (part.content_type.compare(0, 10, "multipart/") == 0) {
        return fail(MimeErrorKind::unsupported, offset,
                    label(part) + " is " + part.content_type +
                        ": nested multipart bodies are not supported");
    }
    const std::string& te = part.transfer_encoding;
    if (!te.empty() && te != "7bit" && te != "8bit" && te != "binary" && te != "base64" &&
        te != "quoted-printable") {
        return fail(MimeErrorKind::unsupported, offset,
                    label(part) + " has Content-Transfer-Encoding " + shown(te) +
                        ", which is not supported (7bit, 8bit, binary, base64 and "
                        "quoted-printable are)");
    }
    if (!part.content_id.empty()) {
        const auto [it, fresh] = part_by_id_.emplace(part.content_id, part_);
        if (!fresh) {
            return fail(MimeErrorKind::malformed, offset,
                        "two parts have Content-ID " + angle(part.content_id) + " (parts " +
                            std::to_string(it->second) + " and " + std::to_string(part_) + ")");
        }
    }
    if (auto e = decode(part, content.substr(body_start), offset + body_start))
        return e;
    total_ += part.body.size();
    parts_.push_back(std::move(part));
    return std::nullopt;
}

Failure MultipartReader::decode(MimePart& part, std::string_view raw, std::size_t offset) {
    const std::size_t total_left =
        limits_.max_total_bytes - std::min(total_, limits_.max_total_bytes);
    const std::size_t cap = std::min(limits_.max_part_bytes, total_left);
    const auto over = [&] {
        if (limits_.max_part_bytes <= total_left) {
            return fail(MimeErrorKind::too_large, offset,
                        label(part) + " is larger than " + std::to_string(limits_.max_part_bytes) +
                            " bytes decoded (MimeLimits::max_part_bytes)");
        }
        return fail(MimeErrorKind::too_large, offset,
                    "the parts up to " + label(part) + " are larger than " +
                        std::to_string(limits_.max_total_bytes) +
                        " bytes decoded together (MimeLimits::max_total_bytes)");
    };

    Decoded d;
    if (part.transfer_encoding == "base64") {
        d = decode_base64(raw, cap, part.body);
    } else if (part.transfer_encoding == "quoted-printable") {
        d = decode_quoted_printable(raw, cap, part.body);
    } else if (raw.size() > cap) {
        d.status = DecodeStatus::over_cap;
    } else {
        part.body.assign(raw);
    }
    switch (d.status) {
        case DecodeStatus::ok:
            return std::nullopt;
        case DecodeStatus::over_cap:
            return over();
        case DecodeStatus::invalid:
            break;
    }
    return fail(MimeErrorKind::malformed, offset + d.at,
                label(part) + ": " + d.why + " at byte " + std::to_string(d.at) + " of its " +
                    part.transfer_encoding + " body");
}

MimeError header_error(MimeErrorKind kind, std::string message) {
    return MimeError{kind, std::move(message), 0, 0};
}

MimeResult parse_package(std::string_view content_type_header, std::string_view body,
                         const MimeLimits& limits) {
    if (content_type_header.size() > limits.max_header_bytes) {
        return header_error(MimeErrorKind::too_large, "the Content-Type header is larger than " +
                                                          std::to_string(limits.max_header_bytes) +
                                                          " bytes (MimeLimits::max_header_bytes)");
    }
    FieldValue ct;
    std::string problem;
    if (!parse_field(content_type_header, true, ct, problem))
        return header_error(MimeErrorKind::malformed, "the Content-Type header " + problem);
    if (ct.value != "multipart/related" && ct.value != "multipart/mixed") {
        return header_error(MimeErrorKind::unsupported,
                            "the Content-Type header is " + shown(ct.value) +
                                ", not multipart/related or multipart/mixed");
    }
    const std::string* boundary = ct.param("boundary");
    if (boundary == nullptr) {
        return header_error(MimeErrorKind::malformed,
                            "the Content-Type header " + ct.value +
                                " has no boundary parameter, so the parts cannot be found");
    }
    if (!valid_boundary(*boundary, problem))
        return header_error(MimeErrorKind::malformed, "the Content-Type header's " + problem);
    std::optional<std::string_view> start;
    if (const std::string* s = ct.param("start")) {
        start = bare_content_id(*s);
        if (!start) {
            return header_error(
                MimeErrorKind::malformed,
                "the Content-Type header's start parameter is not <id>: " + shown(*s));
        }
    }

    MultipartReader reader(body, *boundary, limits);
    if (auto e = reader.read_all())
        return std::move(*e);
    std::vector<MimePart>& parts = reader.parts();

    std::size_t root = 0;
    if (start) {
        const auto it = std::find_if(parts.begin(), parts.end(),
                                     [&](const MimePart& p) { return p.content_id == *start; });
        if (it == parts.end()) {
            return header_error(MimeErrorKind::malformed,
                                "the Content-Type header's start parameter names " + angle(*start) +
                                    ", but no part has that Content-ID");
        }
        root = static_cast<std::size_t>(it - parts.begin());
    }
    MimePackage package;
    package.root = std::move(parts[root]);
    package.attachments.reserve(parts.size() - 1);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != root)
            package.attachments.push_back(std::move(parts[i]));
    }
    return package;
}

}  // namespace

const MimePart* MimePackage::find(std::string_view content_id) const noexcept {
    if (content_id.empty())
        return nullptr;
    if (root.content_id == content_id)
        return &root;
    for (const MimePart& part : attachments) {
        if (part.content_id == content_id)
            return &part;
    }
    return nullptr;
}

std::string_view to_string(MimeErrorKind kind) noexcept {
    switch (kind) {
        case MimeErrorKind::malformed:
            return "malformed";
        case MimeErrorKind::too_large:
            return "too_large";
        case MimeErrorKind::unsupported:
            return "unsupported";
    }
    return "unknown";
}

bool is_multipart(std::string_view content_type_header) noexcept {
    FieldLexer lex(content_type_header);
    if (!lex.skip_cfws())
        return false;
    const std::string_view type = lex.token();
    if (!lex.skip_cfws() || lex.at_end() || lex.peek() != '/')
        return false;
    lex.advance();
    if (!lex.skip_cfws())
        return false;
    const std::string_view subtype = lex.token();
    if (!lex.skip_cfws() || (!lex.at_end() && lex.peek() != ';'))
        return false;
    return iequals(type, "multipart") && (iequals(subtype, "related") || iequals(subtype, "mixed"));
}

MimeResult parse_multipart(std::string_view content_type_header, std::string_view body,
                           const MimeLimits& limits) noexcept {
    try {
        return parse_package(content_type_header, body, limits);
    } catch (const std::bad_alloc&) {
        return header_error(MimeErrorKind::too_large,
                            "out of memory while reading the multipart body");
    } catch (const std::length_error&) {
        return header_error(MimeErrorKind::too_large,
                            "out of memory while reading the multipart body");
    } catch (...) {
        return header_error(MimeErrorKind::malformed,
                            "internal error while reading the multipart body");
    }
}

std::optional<std::string> content_id_from_url(std::string_view url) {
    url = detail::trim(url);
    if (url.size() < 4 || !iequals(url.substr(0, 4), "cid:"))
        return std::nullopt;
    std::string id;
    if (!percent_decode(url.substr(4), id))
        return std::nullopt;
    const bool control = std::any_of(id.begin(), id.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 32 || u == 127;
    });
    if (control)
        return std::nullopt;
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        id = id.substr(1, id.size() - 2);
    if (id.empty())
        return std::nullopt;
    return id;
}

}  // namespace punchout::cxml
