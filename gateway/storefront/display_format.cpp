#include "gateway/storefront/display_format.hpp"

#include <chrono>
#include <cstdio>

namespace punchout::gateway::storefront {

std::string format_money(catalog::Amount amount, std::string_view currency) {
    const std::string plain = amount.to_string(2);
    const bool negative = !plain.empty() && plain.front() == '-';
    const std::size_t start = negative ? 1 : 0;
    const std::size_t dot = plain.find('.');
    const std::size_t int_end = dot == std::string::npos ? plain.size() : dot;
    std::string out;
    out.reserve(plain.size() + plain.size() / 3 + currency.size() + 2);
    if (negative)
        out.push_back('-');
    for (std::size_t i = start; i < int_end; ++i) {
        if (i > start && (int_end - i) % 3 == 0)
            out.push_back(',');
        out.push_back(plain[i]);
    }
    out.append(plain, int_end, std::string::npos);
    if (!currency.empty()) {
        out.push_back(' ');
        out.append(currency);
    }
    return out;
}

std::string format_quantity(catalog::Amount quantity) {
    return quantity.to_string();
}

std::string format_clock(catalog::Timestamp t, catalog::Timestamp now) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const hh_mm_ss hms{t - day};
    char buf[40];
    if (day == floor<days>(now)) {
        std::snprintf(buf, sizeof buf, "%02d:%02d UTC", static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()));
    } else {
        const year_month_day ymd{day};
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d UTC", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()));
    }
    return buf;
}

std::optional<catalog::Amount> parse_user_quantity(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty() || text.size() > 16)
        return std::nullopt;
    // People in much of Europe type a decimal comma; a quantity never has a thousands
    // separator here (the field is small), so a single comma is the decimal point.
    std::string normal(text);
    for (auto& c : normal) {
        if (c == ',')
            c = '.';
    }
    if (normal.front() == '.')
        normal.insert(normal.begin(), '0');
    if (normal.back() == '.')
        normal.pop_back();
    auto parsed = catalog::Amount::parse(normal);
    if (!parsed)
        return std::nullopt;
    if (parsed->units() <= 0 || parsed->units() > 10'000'000 * catalog::Amount::scale) {
        return std::nullopt;
    }
    return *parsed;
}

}  // namespace punchout::gateway::storefront
