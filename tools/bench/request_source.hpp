#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::tools {

/// Where a load client connects: http://HOST:PORT or https://HOST:PORT.
struct Target {
    bool tls = false;
    std::string host;
    std::uint16_t port = 0;
};

/// Parses "http://127.0.0.1:8080" (a path after the port is ignored). Throws
/// std::invalid_argument naming the problem: targets come from the command line.
Target parse_target(std::string_view url);

/// Text with `{{seq}}` (the request's run-wide sequence number) and `{{run}}` (the run's id)
/// placeholders, split once so that filling it in is a few appends.
class RequestTemplate {
public:
    /// Splits `text` at its placeholders.
    explicit RequestTemplate(std::string_view text);

    /// Appends the text with the placeholders filled in to `out`.
    void render(std::string& out, std::uint64_t seq, std::string_view run) const;

    /// The length of the text without placeholders (for reserving).
    std::size_t literal_size() const noexcept { return literal_size_; }

private:
    std::vector<std::string> parts_;  // literal text; one more than markers_
    std::vector<char> markers_;       // 's' for {{seq}}, 'r' for {{run}}
    std::size_t literal_size_ = 0;
};

/// What a load run sends.
struct RequestSpec {
    std::string method = "GET";
    std::string path = "/";
    /// Lines of a paths file: "PATH" or "PATH<TAB>BODY"; request n uses line (n-1) % size.
    std::vector<std::string> lines;
    /// Body templates; request n uses body (n-1) % size (a line's own body wins).
    std::vector<std::string> bodies;
    std::string content_type;
    std::vector<std::string> headers;  ///< extra "Name: value" lines
    std::string run_id;                ///< fills {{run}}
    bool close = false;                ///< ask for a new connection after each request
    bool once = false;                 ///< each line (or body) at most once
};

/// Makes the bytes of request n of a run from a RequestSpec.
class RequestSource {
public:
    /// `host` is the Host header value.
    RequestSource(const RequestSpec& spec, std::string host);

    /// The whole HTTP/1.1 request number `seq` (1-based), or nothing when the spec says
    /// `once` and every variant was used.
    std::optional<std::string> make(std::uint64_t seq) const;

    /// How many different requests there are before they repeat.
    std::size_t variants() const noexcept;

private:
    struct Line {
        RequestTemplate path;
        std::optional<RequestTemplate> body;
    };
    std::string method_;
    RequestTemplate head_tail_{""};  // Host, headers, Content-Type, Connection
    std::vector<Line> lines_;
    std::vector<RequestTemplate> bodies_;
    std::string run_;
    bool once_ = false;
    bool has_body_ = false;
};

}  // namespace punchout::tools
