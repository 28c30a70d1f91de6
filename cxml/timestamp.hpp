#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::cxml {

/// An instant with the UTC offset it was written in (cXML `datetime.tz`).
///
/// `parse` reads what real senders write (see README.md): ISO 8601 with `+01:00`, `+0100`,
/// `+01` or `Z`, fractional seconds, no zone at all (read as UTC, `zone_given() == false`),
/// a date alone, and the `Mon May 19 18:29:48 +0000 2008` / RFC 2822 forms. `format` always
/// writes `2026-11-23T10:15:00+01:00`: a numeric offset, never `Z`.
class Timestamp {
public:
    using time_point = std::chrono::sys_time<std::chrono::milliseconds>;

    /// The Unix epoch in UTC.
    Timestamp() = default;
    /// `utc` shown at `offset` from UTC (offsets beyond +-18:00 are clamped to zero).
    explicit Timestamp(time_point utc, std::chrono::minutes offset = std::chrono::minutes{0});

    /// The current time, shown in UTC.
    static Timestamp now();
    /// Reads any supported form; nothing when the text is not a date we understand.
    static std::optional<Timestamp> parse(std::string_view text) noexcept;

    /// The instant in UTC.
    time_point utc() const noexcept { return utc_; }
    /// The offset from UTC the sender wrote (zero for `Z` and for no zone).
    std::chrono::minutes offset() const noexcept { return offset_; }
    /// False when the text had no zone at all (read as UTC).
    bool zone_given() const noexcept { return zone_given_; }

    /// The same instant shown at another offset.
    Timestamp at_offset(std::chrono::minutes offset) const;

    /// `YYYY-MM-DDThh:mm:ss[.mmm]+hh:mm`; milliseconds only when not zero.
    std::string format() const;
    /// Appends `format()` to `out`.
    void append_to(std::string& out) const;

    /// Same instant and same offset (whether the zone was given is not compared).
    friend bool operator==(const Timestamp& a, const Timestamp& b) noexcept {
        return a.utc_ == b.utc_ && a.offset_ == b.offset_;
    }

private:
    time_point utc_{};
    std::chrono::minutes offset_{0};
    bool zone_given_ = true;
};

}  // namespace punchout::cxml
