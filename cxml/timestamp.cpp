#include "cxml/timestamp.hpp"

#include <array>
#include <cstdint>

namespace punchout::cxml {

namespace {

using namespace std::chrono;

constexpr minutes max_offset{18 * 60};

// A small cursor over the text; every reader returns false and leaves the result unset
// when the input does not match.
class Cursor {
public:
    explicit Cursor(std::string_view s) noexcept : s_(s) {}

    bool done() const noexcept { return i_ == s_.size(); }
    char peek() const noexcept { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool eat(char c) noexcept {
        if (peek() != c)
            return false;
        ++i_;
        return true;
    }
    bool skip_spaces() noexcept {
        const std::size_t start = i_;
        while (peek() == ' ' || peek() == '\t')
            ++i_;
        return i_ != start;
    }
    // Exactly n digits.
    bool digits(int n, int& out) noexcept {
        int v = 0;
        for (int k = 0; k < n; ++k) {
            const char c = peek();
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
            ++i_;
        }
        out = v;
        return true;
    }
    // One to `max` digits.
    bool some_digits(int max, int& out) noexcept {
        int v = 0;
        int n = 0;
        while (n < max && peek() >= '0' && peek() <= '9') {
            v = v * 10 + (peek() - '0');
            ++i_;
            ++n;
        }
        out = v;
        return n > 0;
    }
    // An ASCII word (letters only).
    std::string_view word() noexcept {
        const std::size_t start = i_;
        while ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z'))
            ++i_;
        return s_.substr(start, i_ - start);
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

int month_number(std::string_view name) noexcept {
    static constexpr std::array<std::string_view, 12> names{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3)
        return 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (iequals(name.substr(0, 3), names[i]))
            return static_cast<int>(i) + 1;
    }
    return 0;
}

struct Fields {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    int offset_minutes = 0;
    bool zone = false;
};

// `hh:mm[:ss[.fff...]]`
bool read_time(Cursor& c, Fields& f) noexcept {
    if (!c.digits(2, f.hour) || !c.eat(':') || !c.digits(2, f.minute))
        return false;
    if (c.eat(':')) {
        if (!c.digits(2, f.second))
            return false;
        if (c.eat('.') || c.eat(',')) {
            // Keep milliseconds; further digits are read and dropped.
            int frac = 0;
            int n = 0;
            while (c.peek() >= '0' && c.peek() <= '9') {
                if (n < 3)
                    frac = frac * 10 + (c.peek() - '0');
                ++n;
                c.eat(c.peek());
            }
            if (n == 0)
                return false;
            for (int k = n; k < 3; ++k)
                frac *= 10;
            f.millis = frac;
        }
    }
    return true;
}

// `Z`, `UTC`, `GMT`, `+hh:mm`, `+hhmm`, `+hh` (also with a leading space).
bool read_zone(Cursor& c, Fields& f) noexcept {
    if (c.eat('Z') || c.eat('z')) {
        f.zone = true;
        return true;
    }
    const char sign = c.peek();
    if (sign == '+' || sign == '-') {
        c.eat(sign);
        int hh = 0;
        int mm = 0;
        if (!c.digits(2, hh))
            return false;
        if (c.eat(':')) {
            if (!c.digits(2, mm))
                return false;
        } else if (c.peek() >= '0' && c.peek() <= '9') {
            if (!c.digits(2, mm))
                return false;
        }
        if (mm > 59)
            return false;
        f.offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
        f.zone = true;
        return true;
    }
    const std::string_view w = c.word();
    if (iequals(w, "UTC") || iequals(w, "GMT")) {
        f.zone = true;
        return true;
    }
    return false;
}

// ISO 8601: `YYYY-MM-DD[(T| )hh:mm[:ss[.f]]][ ][zone]`.
bool read_iso(std::string_view text, Fields& f) noexcept {
    Cursor c(text);
    if (!c.digits(4, f.year) || !c.eat('-') || !c.digits(2, f.month) || !c.eat('-') ||
        !c.digits(2, f.day)) {
        return false;
    }
    if (c.done())
        return true;
    if (c.eat('T') || c.eat('t') || c.skip_spaces()) {
        if (!read_time(c, f))
            return false;
    }
    if (c.done())
        return true;
    c.skip_spaces();
    if (!read_zone(c, f))
        return false;
    return c.done();
}

// `Mon May 19 18:29:48 +0000 2008` (Ruby 1.8 Time#to_s, C asctime with a zone) and
// RFC 2822 `Mon, 19 May 2008 18:29:48 +0000`.
bool read_textual(std::string_view text, Fields& f) noexcept {
    Cursor c(text);
    std::string_view w = c.word();
    c.eat(',');
    c.skip_spaces();
    if (c.peek() >= '0' && c.peek() <= '9') {
        // RFC 2822: day month year time zone
        if (!c.some_digits(2, f.day) || !c.skip_spaces())
            return false;
        f.month = month_number(c.word());
        if (f.month == 0 || !c.skip_spaces() || !c.digits(4, f.year) || !c.skip_spaces()) {
            return false;
        }
        if (!read_time(c, f))
            return false;
        c.skip_spaces();
        if (!c.done() && !read_zone(c, f))
            return false;
        return c.done();
    }
    // asctime-like: weekday month day time [zone] year
    w = c.word();
    f.month = month_number(w);
    if (f.month == 0 || !c.skip_spaces() || !c.some_digits(2, f.day) || !c.skip_spaces()) {
        return false;
    }
    if (!read_time(c, f) || !c.skip_spaces())
        return false;
    if (!(c.peek() >= '0' && c.peek() <= '9')) {
        if (!read_zone(c, f) || !c.skip_spaces())
            return false;
    }
    if (!c.digits(4, f.year))
        return false;
    return c.done();
}

}  // namespace

Timestamp::Timestamp(time_point utc, minutes offset) : utc_(utc), offset_(offset) {
    if (offset_ > max_offset || offset_ < -max_offset)
        offset_ = minutes{0};
}

Timestamp Timestamp::now() {
    return Timestamp(time_point_cast<milliseconds>(system_clock::now()));
}

std::optional<Timestamp> Timestamp::parse(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    Fields f;
    if (text.empty())
        return std::nullopt;
    if (!read_iso(text, f)) {
        f = Fields{};
        if (!read_textual(text, f))
            return std::nullopt;
    }

    const year_month_day ymd{year{f.year}, month{static_cast<unsigned>(f.month)},
                             day{static_cast<unsigned>(f.day)}};
    if (!ymd.ok() || f.hour > 23 || f.minute > 59 || f.second > 60)
        return std::nullopt;
    if (f.second == 60)
        f.second = 59;  // a leap second is shown as the second before it
    const minutes offset{f.offset_minutes};
    if (offset > max_offset || offset < -max_offset)
        return std::nullopt;

    const time_point local = sys_days{ymd} + hours{f.hour} + minutes{f.minute} + seconds{f.second} +
                             milliseconds{f.millis};
    Timestamp t(local - offset, offset);
    t.zone_given_ = f.zone;
    return t;
}

Timestamp Timestamp::at_offset(minutes offset) const {
    return Timestamp(utc_, offset);
}

void Timestamp::append_to(std::string& out) const {
    const time_point local = utc_ + offset_;
    const sys_days day_point = floor<days>(local);
    const year_month_day ymd{day_point};
    const auto in_day = local - day_point;
    const auto h = duration_cast<hours>(in_day);
    const auto m = duration_cast<minutes>(in_day - h);
    const auto s = duration_cast<seconds>(in_day - h - m);
    const auto ms = (in_day - h - m - s).count();

    char buf[40];
    char* p = buf;
    auto put = [&p](long long v, int width) {
        char tmp[20];
        int n = 0;
        do {
            tmp[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int k = n; k < width; ++k)
            *p++ = '0';
        while (n > 0)
            *p++ = tmp[--n];
    };
    const int y = static_cast<int>(ymd.year());
    if (y < 0)
        *p++ = '-';
    put(y < 0 ? -y : y, 4);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    put(h.count(), 2);
    *p++ = ':';
    put(m.count(), 2);
    *p++ = ':';
    put(s.count(), 2);
    if (ms != 0) {
        *p++ = '.';
        put(ms, 3);
    }
    const auto off = offset_.count();
    *p++ = off < 0 ? '-' : '+';
    const auto abs_off = off < 0 ? -off : off;
    put(abs_off / 60, 2);
    *p++ = ':';
    put(abs_off % 60, 2);
    out.append(buf, static_cast<std::size_t>(p - buf));
}

std::string Timestamp::format() const {
    std::string s;
    append_to(s);
    return s;
}

}  // namespace punchout::cxml
