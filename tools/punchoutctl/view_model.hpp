#pragma once

// What a `show` or `list` command shows, built once and rendered either as text (aligned
// fields and tables) or as JSON (--json): the two can no longer drift apart.
#include "tools/punchoutctl/output.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace punchout::tools {

/// One value as both renderings show it.
struct Cell {
    std::string text;  ///< in a table or a field line
    Json json;         ///< in the JSON object
};

/// Where a value goes: its JSON key (a dotted key such as "fulfilment.shipped" nests) and
/// its label in the text. An empty label keeps it out of the text, an empty key out of the
/// JSON.
struct Column {
    std::string key;
    std::string label;
};

/// One record of columns and the cells for them (the same number of each).
struct Record {
    std::vector<Column> columns;
    std::vector<Cell> cells;

    /// Adds a value shown in both renderings.
    Record& add(std::string key, std::string label, std::string text, Json json);
    /// A JSON object, nested by dotted keys.
    Json json() const;
    /// `label: text` lines, aligned.
    void print(std::ostream& os) const;
};

/// Rows of the same columns: a JSON array of objects, or a text table.
struct Listing {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;

    explicit Listing(std::vector<Column> columns_) : columns(std::move(columns_)) {}
    /// Adds a row (one cell per column).
    void add(std::vector<Cell> row);
    Json json() const;
    /// The table, or `empty_text` on a line of its own when there are no rows.
    void print(std::ostream& os, const char* empty_text = "none") const;
};

/// A cell whose text and JSON are the same string.
Cell text_cell(std::string text);

/// `text` cut to `width` bytes with "..." when longer, never inside a UTF-8 sequence: table
/// cells stay on a terminal line while the JSON keeps the whole value.
std::string shortened(std::string text, std::size_t width);

}  // namespace punchout::tools
