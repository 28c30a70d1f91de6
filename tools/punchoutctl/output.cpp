#include "tools/punchoutctl/output.hpp"

#include "catalog/json_text.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace punchout::tools {
namespace {

// Display width of UTF-8 text: counts code points, not bytes, so tables with "ä" align.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

Json Json::number(std::string text) {
    Json j;
    j.value_ = Number{std::move(text)};
    return j;
}

Json& Json::push(Json v) {
    std::get<Array>(value_).push_back(std::move(v));
    return *this;
}

Json& Json::set(std::string key, Json v) {
    std::get<Object>(value_).emplace_back(std::move(key), std::move(v));
    return *this;
}

void Json::print(std::ostream& os) const {
    write(os, 0);
    os << '\n';
}

std::string Json::dump() const {
    std::ostringstream os;
    print(os);
    return os.str();
}

void Json::write(std::ostream& os, int indent) const {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string close(static_cast<std::size_t>(indent), ' ');
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                os << "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                os << (v ? "true" : "false");
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                os << v;
            } else if constexpr (std::is_same_v<T, Number>) {
                os << v.text;
            } else if constexpr (std::is_same_v<T, std::string>) {
                os << catalog::json_string(v);
            } else if constexpr (std::is_same_v<T, Array>) {
                if (v.empty()) {
                    os << "[]";
                    return;
                }
                os << "[\n";
                for (std::size_t i = 0; i < v.size(); ++i) {
                    os << pad;
                    v[i].write(os, indent + 2);
                    os << (i + 1 < v.size() ? ",\n" : "\n");
                }
                os << close << ']';
            } else {
                if (v.empty()) {
                    os << "{}";
                    return;
                }
                os << "{\n";
                for (std::size_t i = 0; i < v.size(); ++i) {
                    os << pad;
                    os << catalog::json_string(v[i].first);
                    os << ": ";
                    v[i].second.write(os, indent + 2);
                    os << (i + 1 < v.size() ? ",\n" : "\n");
                }
                os << close << '}';
            }
        },
        value_);
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& os) const {
    std::vector<std::size_t> width(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        width[c] = display_width(headers_[c]);
        for (const auto& row : rows_)
            width[c] = std::max(width[c], display_width(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            text += cells[c];
            if (c + 1 < cells.size())
                text.append(width[c] - display_width(cells[c]) + 2, ' ');
        }
        os << text << '\n';
    };
    line(headers_);
    for (const auto& row : rows_)
        line(row);
}

void print_fields(std::ostream& os,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
    std::size_t width = 0;
    for (const auto& [k, v] : fields)
        width = std::max(width, display_width(k));
    for (const auto& [k, v] : fields) {
        os << k << ':' << std::string(width - display_width(k) + 1, ' ') << v << '\n';
    }
}

}  // namespace punchout::tools
