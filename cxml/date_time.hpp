#pragma once

#include "cxml/timestamp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::cxml {

/// A date attribute: the instant and offset when the peer sent a date we understand, or
/// else the text as sent. Peers put odd things in date attributes
/// (`invoiceDate="invoice_date"`), and a forgiving reader keeps them rather than failing or
/// losing them.
///
/// Documents we build hold a `Timestamp` (construct from one); the writer then writes the
/// ISO form with a numeric offset. Text that did not parse is written back as it came.
struct DateTime {
    std::optional<Timestamp> time;  ///< the instant, when the text parsed
    std::string text;               ///< the text as sent, kept only when it did not parse

    DateTime() = default;
    /// A value we produce.
    DateTime(Timestamp t) : time(t) {}  // NOLINT(implicit): a Timestamp is a date
    /// Reads `text`, keeping it as sent.
    static DateTime parse(std::string_view text);

    /// True when there is an instant.
    bool valid() const noexcept { return time.has_value(); }
    /// What the writer writes: the formatted instant, or the text as sent.
    std::string to_string() const;

    /// Equal instants and offsets; without an instant, equal text.
    friend bool operator==(const DateTime& a, const DateTime& b) noexcept {
        if (a.time || b.time)
            return a.time == b.time;
        return a.text == b.text;
    }
};

}  // namespace punchout::cxml
