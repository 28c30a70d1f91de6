#include "gateway/http/content_coding.hpp"

#include <algorithm>
#include <climits>
#include <memory>
#include <new>
#include <vector>
#include <zlib.h>

namespace punchout::gateway {

namespace {

enum class Coding { identity, gzip, deflate };

constexpr std::size_t chunk_size = 64 * 1024;

bool is_ows(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && is_ows(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back()))
        s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        return lower(x) == lower(y);
    });
}

ContentCodingError error(ContentCodingFailure kind, std::string message) {
    return ContentCodingError{kind, std::move(message)};
}

ContentCodingError over_limit(std::string_view coding, std::size_t max_decoded) {
    return error(ContentCodingFailure::too_large, std::string(coding) +
                                                      " body decodes to more than the limit of " +
                                                      std::to_string(max_decoded) + " bytes");
}

class Inflater {
public:
    explicit Inflater(int window_bits) {
        const int rc = ::inflateInit2(&stream_, window_bits);
        if (rc == Z_MEM_ERROR)
            throw std::bad_alloc();
        if (rc != Z_OK)
            throw std::logic_error("inflateInit2 failed");
    }
    ~Inflater() { ::inflateEnd(&stream_); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    z_stream& stream() noexcept { return stream_; }

private:
    z_stream stream_{};
};

// The outcome of one inflate pass. `empty_failure` is set when the data was refused before
// a byte came out, so that deflate can try it again as raw deflate.
struct Inflated {
    ContentCodingResult result;
    bool empty_failure = false;
};

// RFC 1950 §2.2: method 8 (deflate), a window of at most 32 KiB, and a check value.
bool has_zlib_header(std::string_view in) {
    if (in.size() < 2)
        return false;
    const auto cmf = static_cast<unsigned char>(in[0]);
    const auto flg = static_cast<unsigned char>(in[1]);
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}

bool is_gzip_magic(std::string_view rest) {
    return rest.size() >= 2 && static_cast<unsigned char>(rest[0]) == 0x1F &&
           static_cast<unsigned char>(rest[1]) == 0x8B;
}

Inflated inflate_all(std::string_view in, int window_bits, std::string_view coding,
                     std::size_t max_decoded) {
    const bool gzip = window_bits > MAX_WBITS;
    Inflater inflater(window_bits);
    z_stream& zs = inflater.stream();
    // Output in fixed chunks, joined once at the end: a std::string grown by appending may
    // reserve up to twice what it holds, and the bound here is the limit plus one chunk.
    std::vector<std::unique_ptr<unsigned char[]>> chunks;
    std::size_t last_used = chunk_size;
    std::size_t total = 0;
    std::size_t fed = 0;  // bytes of `in` handed to zlib so far

    for (;;) {
        if (zs.avail_in == 0 && fed < in.size()) {
            // avail_in is 32 bits wide; a larger body goes in slices.
            const std::size_t slice = std::min<std::size_t>(in.size() - fed, UINT_MAX);
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
            zs.avail_in = static_cast<uInt>(slice);
            fed += slice;
        }
        if (last_used == chunk_size) {
            chunks.push_back(std::make_unique<unsigned char[]>(chunk_size));
            last_used = 0;
        }
        zs.next_out = chunks.back().get() + last_used;
        zs.avail_out = static_cast<uInt>(chunk_size - last_used);
        const int rc = ::inflate(&zs, Z_NO_FLUSH);
        const std::size_t produced = chunk_size - last_used - zs.avail_out;
        last_used += produced;
        total += produced;
        if (total > max_decoded)
            return Inflated{over_limit(coding, max_decoded)};

        if (rc == Z_STREAM_END) {
            const std::size_t consumed = fed - zs.avail_in;
            const std::string_view rest = in.substr(consumed);
            if (rest.empty())
                break;
            // Concatenated gzip members make one body (RFC 1952 §2.2), as gunzip reads them.
            if (gzip && is_gzip_magic(rest)) {
                if (::inflateReset(&zs) != Z_OK)
                    throw std::logic_error("inflateReset failed");
                continue;
            }
            return Inflated{error(ContentCodingFailure::malformed,
                                  std::string(coding) + " data has " + std::to_string(rest.size()) +
                                      " bytes after the end of the compressed stream")};
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR)  // no progress possible: every byte was read, no end seen
            return Inflated{
                error(ContentCodingFailure::malformed, std::string(coding) + " data is truncated")};
        if (rc == Z_MEM_ERROR)
            throw std::bad_alloc();
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            const std::string why = rc == Z_NEED_DICT ? "it needs a preset dictionary"
                                    : zs.msg          ? zs.msg
                                                      : "invalid data";
            return Inflated{error(ContentCodingFailure::malformed,
                                  std::string(coding) + " data is corrupt: " + why),
                            total == 0};
        }
        throw std::logic_error("inflate failed with code " + std::to_string(rc));
    }
    std::string out;
    out.reserve(total);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        const std::size_t n = i + 1 == chunks.size() ? last_used : chunk_size;
        out.append(reinterpret_cast<const char*>(chunks[i].get()), n);
    }
    return Inflated{std::move(out)};
}

ContentCodingResult decode(Coding coding, std::string_view name, std::string body,
                           std::size_t max_decoded) {
    switch (coding) {
        case Coding::identity:
            return body;
        case Coding::gzip:
            return inflate_all(body, MAX_WBITS + 16, name, max_decoded).result;
        case Coding::deflate: {
            // RFC 9110 means the zlib format, but some clients send raw deflate. Data that
            // does not start with a zlib header is raw; data that does but fails before a
            // byte comes out may still be raw deflate whose first bytes look like one.
            Inflated r{std::string()};
            const bool zlib = has_zlib_header(body);
            if (zlib)
                r = inflate_all(body, MAX_WBITS, name, max_decoded);
            if (!zlib || (!r.result.ok() && r.empty_failure)) {
                Inflated raw = inflate_all(body, -MAX_WBITS, name, max_decoded);
                // When both fail, the zlib reading's reason is the one to report.
                if (!zlib || raw.result.ok())
                    r = std::move(raw);
            }
            return std::move(r.result);
        }
    }
    return body;
}

}  // namespace

std::string_view to_string(ContentCodingFailure failure) noexcept {
    switch (failure) {
        case ContentCodingFailure::unsupported:
            return "unsupported";
        case ContentCodingFailure::too_large:
            return "too_large";
        case ContentCodingFailure::malformed:
            return "malformed";
    }
    return "malformed";
}

ContentCodingResult decode_content_encoding(std::string_view header_value, std::string body,
                                            std::size_t max_decoded) {
    // Every coding is checked before any is undone: an unsupported one anywhere in the list
    // makes the work wasted.
    std::vector<std::pair<Coding, std::string_view>> codings;
    for (std::size_t start = 0; start <= header_value.size();) {
        std::size_t comma = header_value.find(',', start);
        if (comma == std::string_view::npos)
            comma = header_value.size();
        const std::string_view name = trim_ows(header_value.substr(start, comma - start));
        start = comma + 1;
        // Empty list elements are allowed and mean nothing (RFC 9110 §5.6.1).
        if (name.empty())
            continue;
        if (iequals(name, "identity")) {
            codings.emplace_back(Coding::identity, name);
        } else if (iequals(name, "gzip") || iequals(name, "x-gzip")) {
            codings.emplace_back(Coding::gzip, name);
        } else if (iequals(name, "deflate")) {
            codings.emplace_back(Coding::deflate, name);
        } else {
            return error(ContentCodingFailure::unsupported,
                         "unsupported content coding '" + std::string(name) +
                             "'; accepted are gzip, x-gzip, deflate and identity");
        }
    }

    for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
        ContentCodingResult step = decode(it->first, it->second, std::move(body), max_decoded);
        if (!step.ok())
            return step;
        body = std::move(step.value());
    }
    // Inflating kept to the limit; a body that was never compressed has not been measured.
    if (body.size() > max_decoded) {
        return error(ContentCodingFailure::too_large, "body of " + std::to_string(body.size()) +
                                                          " bytes is larger than the limit of " +
                                                          std::to_string(max_decoded) + " bytes");
    }
    return body;
}

}  // namespace punchout::gateway
