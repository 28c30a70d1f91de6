#include "catalog/timestamp.hpp"

#include <cstdio>

namespace punchout::catalog {
namespace {

Error invalid(std::string_view text, std::string_view why) {
    return Error{Errc::invalid, "'" + std::string(text) + "' is not a date (" + std::string(why) +
                                    "); write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]"};
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

Timestamp now() noexcept {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<Timestamp> parse_timestamp(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0;
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) ||
        text[7] != '-' || !digits(text, 8, 2, d)) {
        return invalid(text, "expected YYYY-MM-DD");
    }
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)),
                              day(static_cast<unsigned>(d))};
    if (!date.ok())
        return invalid(text, "no such day");
    Timestamp t = sys_days(date);
    std::size_t pos = 10;
    if (pos == text.size())
        return t;

    if (text[pos] != 'T' && text[pos] != ' ')
        return invalid(text, "expected 'T' after the date");
    int h = 0, mi = 0, s = 0;
    if (!digits(text, pos + 1, 2, h) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, mi)) {
        return invalid(text, "expected HH:MM");
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
        if (!digits(text, pos + 1, 2, s))
            return invalid(text, "expected seconds");
        pos += 3;
    }
    if (h > 23 || mi > 59 || s > 59)
        return invalid(text, "no such time of day");
    t += hours(h) + minutes(mi) + seconds(s);
    if (pos == text.size())
        return t;
    if (text[pos] == 'Z' && pos + 1 == text.size())
        return t;
    if ((text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size()) {
        int oh = 0, om = 0;
        if (!digits(text, pos + 1, 2, oh) || text[pos + 3] != ':' ||
            !digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
            return invalid(text, "bad UTC offset");
        }
        const auto offset = hours(oh) + minutes(om);
        // 10:00+02:00 is 08:00 UTC.
        return text[pos] == '+' ? t - offset : t + offset;
    }
    return invalid(text, "unexpected text after the time");
}

std::string format_timestamp(Timestamp t) {
    using namespace std::chrono;
    const auto day_point = floor<days>(t);
    const year_month_day date(day_point);
    const hh_mm_ss<seconds> time(t - day_point);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buf;
}

}  // namespace punchout::catalog
