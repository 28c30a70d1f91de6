#include "tools/bench/request_source.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace punchout::tools {

Target parse_target(std::string_view url) {
    Target t;
    if (url.rfind("https://", 0) == 0) {
        t.tls = true;
        url.remove_prefix(8);
    } else if (url.rfind("http://", 0) == 0) {
        url.remove_prefix(7);
    } else {
        throw std::invalid_argument("target '" + std::string(url) +
                                    "' must start with http:// or https://");
    }
    url = url.substr(0, url.find('/'));
    const auto colon = url.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        throw std::invalid_argument("target needs HOST:PORT, got '" + std::string(url) + "'");
    }
    t.host = std::string(url.substr(0, colon));
    if (t.host.size() > 2 && t.host.front() == '[')
        t.host = t.host.substr(1, t.host.size() - 2);
    const auto port = url.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
        throw std::invalid_argument("target port '" + std::string(port) + "' is not a port");
    }
    t.port = static_cast<std::uint16_t>(value);
    return t;
}

RequestTemplate::RequestTemplate(std::string_view text) {
    std::string current;
    while (!text.empty()) {
        const auto open = text.find("{{");
        if (open == std::string_view::npos) {
            current += text;
            break;
        }
        current += text.substr(0, open);
        text.remove_prefix(open);
        if (text.rfind("{{seq}}", 0) == 0 || text.rfind("{{run}}", 0) == 0) {
            markers_.push_back(text[2] == 's' ? 's' : 'r');
            literal_size_ += current.size();
            parts_.push_back(std::move(current));
            current.clear();
            text.remove_prefix(7);
        } else {
            current += "{{";
            text.remove_prefix(2);
        }
    }
    literal_size_ += current.size();
    parts_.push_back(std::move(current));
}

void RequestTemplate::render(std::string& out, std::uint64_t seq, std::string_view run) const {
    for (std::size_t i = 0; i < markers_.size(); ++i) {
        out += parts_[i];
        if (markers_[i] == 's') {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, seq);
            out.append(buf, r.ptr);
        } else {
            out += run;
        }
    }
    out += parts_.back();
}

RequestSource::RequestSource(const RequestSpec& spec, std::string host)
    : method_(spec.method), run_(spec.run_id), once_(spec.once) {
    std::string head = " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: bench-load\r\n";
    for (const auto& h : spec.headers)
        head += h + "\r\n";
    if (!spec.content_type.empty())
        head += "Content-Type: " + spec.content_type + "\r\n";
    if (spec.close)
        head += "Connection: close\r\n";
    // Headers may carry placeholders too (an Idempotency-Key unique per request).
    head_tail_ = RequestTemplate(head);
    for (const auto& line : spec.lines) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            lines_.push_back({RequestTemplate(line), std::nullopt});
        } else {
            lines_.push_back({RequestTemplate(std::string_view(line).substr(0, tab)),
                              RequestTemplate(std::string_view(line).substr(tab + 1))});
            has_body_ = true;
        }
    }
    if (lines_.empty())
        lines_.push_back({RequestTemplate(spec.path), std::nullopt});
    for (const auto& b : spec.bodies)
        bodies_.emplace_back(b);
    has_body_ = has_body_ || !bodies_.empty() || method_ == "POST" || method_ == "PUT";
}

std::size_t RequestSource::variants() const noexcept {
    return std::max(lines_.size(), bodies_.size());
}

std::optional<std::string> RequestSource::make(std::uint64_t seq) const {
    const std::uint64_t n = seq - 1;
    if (once_ && n >= variants())
        return std::nullopt;
    const Line& line = lines_[n % lines_.size()];
    std::string body;
    if (line.body) {
        line.body->render(body, seq, run_);
    } else if (!bodies_.empty()) {
        const auto& b = bodies_[n % bodies_.size()];
        body.reserve(b.literal_size() + 64);
        b.render(body, seq, run_);
    }
    std::string out;
    out.reserve(head_tail_.literal_size() + body.size() + 128);
    out += method_;
    out += ' ';
    line.path.render(out, seq, run_);
    head_tail_.render(out, seq, run_);
    if (has_body_) {
        out += "Content-Length: ";
        out += std::to_string(body.size());
        out += "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

}  // namespace punchout::tools
