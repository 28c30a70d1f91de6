#pragma once

#include "cxml/document.hpp"
#include "cxml/item_in.hpp"
#include "cxml/parse_error.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace punchout::cxml {

/// Limits for reading untrusted documents, and what the transport says about them.
struct ParseOptions {
    /// Larger inputs are refused with 413 before any parsing. It counts the bytes received:
    /// decoded into UTF-8 a document grows by at most three times (windows-1252 "€").
    std::size_t max_bytes = 8 * 1024 * 1024;
    /// Deeper element nesting is refused with 413 (real cXML stays below 20).
    std::size_t max_depth = 64;
    /// The charset parameter of the HTTP Content-Type, "" when there is none. It decides
    /// the encoding only when the document has neither a BOM nor an encoding declaration.
    std::string charset;
};

/// The result of reading: a value or a ParseError, plus the deviations noticed on the way.
template <class T>
class Parsed {
public:
    Parsed(T value, std::vector<Deviation> deviations)
        : result_(std::move(value)), deviations_(std::move(deviations)) {}
    Parsed(ParseError error, std::vector<Deviation> deviations)
        : result_(std::move(error)), deviations_(std::move(deviations)) {}

    /// True when the input was accepted.
    bool ok() const noexcept { return result_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws std::logic_error when the input was refused.
    T& value() {
        if (!ok())
            throw std::logic_error("Parsed::value() on a refused document");
        return std::get<0>(result_);
    }
    const T& value() const {
        if (!ok())
            throw std::logic_error("Parsed::value() on a refused document");
        return std::get<0>(result_);
    }
    /// The error; throws std::logic_error when the input was accepted.
    const ParseError& error() const {
        if (ok())
            throw std::logic_error("Parsed::error() on an accepted document");
        return std::get<1>(result_);
    }
    /// What the input does that the DTD does not allow (empty for a clean document).
    const std::vector<Deviation>& deviations() const noexcept { return deviations_; }

private:
    std::variant<T, ParseError> result_;
    std::vector<Deviation> deviations_;
};

/// The result of `parse`.
using ParseResult = Parsed<Document>;

/// Reads a cXML document from untrusted bytes. Forgiving about what real senders do (see
/// README.md), strict about safety: no DTD is fetched, no entity but the five predefined
/// ones and character references is expanded, a DOCTYPE declaring entities is refused.
/// Never throws.
///
/// The encoding is, in order: the one a UTF-16 BOM gives; the encoding declaration; UTF-8
/// for a UTF-8 BOM; `options.charset`; UTF-8. Accepted are the charsets of cxml/charset.hpp
/// (UTF-16 only with a BOM); any other is refused with 406 naming it, and so is a byte that
/// is not a character in the encoding (the Location gives its offset in the input). A
/// document in anything but UTF-8 or US-ASCII is decoded into UTF-8 before it is parsed:
/// the Locations of every later error and deviation count lines and bytes in that decoded
/// text (without the BOM), not in the input.
ParseResult parse(std::string_view bytes, const ParseOptions& options = {}) noexcept;

/// Reads a bare `ItemIn` element (a cart line stored or exchanged on its own).
Parsed<ItemIn> parse_item_in(std::string_view bytes, const ParseOptions& options = {}) noexcept;

}  // namespace punchout::cxml
