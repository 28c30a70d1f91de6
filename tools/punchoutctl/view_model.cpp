#include "tools/punchoutctl/view_model.hpp"

#include <ostream>
#include <stdexcept>

namespace punchout::tools {
namespace {

// One object for a row; a dotted key ("fulfilment.shipped") goes into the nested object
// its first part names. Columns that share a prefix are listed together.
Json object_of(const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    if (columns.size() != cells.size())
        throw std::logic_error("a view row has " + std::to_string(cells.size()) + " cells for " +
                               std::to_string(columns.size()) + " columns");
    Json out = Json::object();
    std::string group;  // the nested object being filled, if any
    Json nested;
    auto close_group = [&] {
        if (!group.empty())
            out.set(group, std::move(nested));
        group.clear();
    };
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& key = columns[i].key;
        if (key.empty())
            continue;
        const auto dot = key.find('.');
        if (dot == std::string::npos) {
            close_group();
            out.set(key, cells[i].json);
            continue;
        }
        const std::string head = key.substr(0, dot);
        if (head != group) {
            close_group();
            group = head;
            nested = Json::object();
        }
        nested.set(key.substr(dot + 1), cells[i].json);
    }
    close_group();
    return out;
}

}  // namespace

Record& Record::add(std::string key, std::string label, std::string text, Json json) {
    columns.push_back({std::move(key), std::move(label)});
    cells.push_back({std::move(text), std::move(json)});
    return *this;
}

Json Record::json() const {
    return object_of(columns, cells);
}

void Record::print(std::ostream& os) const {
    std::vector<std::pair<std::string, std::string>> fields;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (!columns[i].label.empty())
            fields.emplace_back(columns[i].label, cells[i].text);
    }
    print_fields(os, fields);
}

void Listing::add(std::vector<Cell> row) {
    if (row.size() != columns.size())
        throw std::logic_error("a listing row has the wrong number of cells");
    rows.push_back(std::move(row));
}

Json Listing::json() const {
    Json out = Json::array();
    for (const auto& row : rows)
        out.push(object_of(columns, row));
    return out;
}

void Listing::print(std::ostream& os, const char* empty_text) const {
    if (rows.empty()) {
        os << empty_text << '\n';
        return;
    }
    std::vector<std::string> headers;
    for (const auto& c : columns) {
        if (!c.label.empty())
            headers.push_back(c.label);
    }
    Table table(headers);
    for (const auto& row : rows) {
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i].label.empty())
                texts.push_back(row[i].text);
        }
        table.add_row(std::move(texts));
    }
    table.print(os);
}

std::string shortened(std::string text, std::size_t width) {
    if (text.size() <= width)
        return text;
    std::size_t cut = width - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

Cell text_cell(std::string text) {
    Json json(text);
    return Cell{std::move(text), std::move(json)};
}

}  // namespace punchout::tools
