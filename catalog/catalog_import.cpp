#include "catalog/catalog_import.hpp"

#include "catalog/csv_reader.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/product_stage.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace punchout::catalog {
namespace {

using detail::ColumnBinding;
using detail::IssueList;
using detail::ProductColumn;

constexpr std::size_t bit(ProductColumn c) {
    return static_cast<std::size_t>(c);
}

using detail::NamedColumn;

// CIF 3.0 field names (compared in lower case) and where they go. Fields listed as ignored
// are understood but not stored; catalog/README.md says why for each.
constexpr NamedColumn cif_fields[] = {
    {"supplier part id", ProductColumn::sku},
    {"item description", ProductColumn::description},
    {"spsc code", ProductColumn::unspsc},
    {"unspsc", ProductColumn::unspsc},
    {"unspsc code", ProductColumn::unspsc},
    {"unit price", ProductColumn::price},
    {"unit of measure", ProductColumn::uom},
    {"currency", ProductColumn::currency},
    {"manufacturer part id", ProductColumn::manufacturer_part},
    {"manufacturer name", ProductColumn::manufacturer},
    {"lead time", ProductColumn::lead_time_days},
    {"short name", ProductColumn::short_name},
    {"supplier url", ProductColumn::datasheet_url},
    {"image", ProductColumn::image_url},
    {"price unit quantity", ProductColumn::price_basis_quantity},
    {"delete", ProductColumn::remove},
    {"supplier id", ProductColumn::ignored},
    {"supplier part auxiliary id", ProductColumn::ignored},
    {"manufacturer url", ProductColumn::ignored},
    {"market price", ProductColumn::ignored},
    {"language", ProductColumn::ignored},
    {"thumbnail", ProductColumn::ignored},
    {"expiration date", ProductColumn::ignored},
    {"effective date", ProductColumn::ignored},
    {"territory available", ProductColumn::ignored},
    {"keywords", ProductColumn::ignored},
    {"punchout enabled", ProductColumn::ignored},
    {"punchout level", ProductColumn::ignored},
};
constexpr ProductColumn cif_required[] = {ProductColumn::sku, ProductColumn::description,
                                          ProductColumn::unspsc, ProductColumn::price,
                                          ProductColumn::uom};

std::string expected_list() {
    std::string list;
    for (const auto& c : detail::csv_product_columns())
        list += std::string(list.empty() ? "" : ", ") + c.name;
    return list + ", attr:NAME";
}

// Maps a CSV header to bindings; header problems go to `issues`.
std::vector<ColumnBinding> bind_csv_header(const CsvRecord& header, IssueList& issues) {
    std::vector<ColumnBinding> columns;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string raw(detail::trim(header.fields[i]));
        const std::string name = detail::lower(raw);
        ColumnBinding b;
        b.name = raw;
        if (name.starts_with("attr:")) {
            b.target = ProductColumn::attribute;
            b.attribute = std::string(detail::trim(raw.substr(5)));
            if (b.attribute.empty() || detail::check_text(b.attribute, 255)) {
                issues.add(header.lines[i], raw, raw, "needs an attribute name after 'attr:'");
            }
        } else {
            bool known = false;
            for (const auto& c : detail::csv_product_columns()) {
                if (name == c.name) {
                    b.target = c.target;
                    known = true;
                }
            }
            if (!known) {
                issues.add(header.lines[i], raw, raw,
                           "is not a catalog column (expected: " + expected_list() + ")");
            }
        }
        if (!seen.insert(b.target == ProductColumn::attribute ? "attr:" + b.attribute : name)
                 .second) {
            issues.add(header.lines[i], raw, raw, "appears twice in the header");
        }
        columns.push_back(std::move(b));
    }
    const auto csv_columns = detail::csv_product_columns();
    for (std::size_t r = 0; r < detail::csv_required_columns; ++r) {
        if (!seen.count(csv_columns[r].name)) {
            issues.add(header.line, csv_columns[r].name, "", "required column is missing");
        }
    }
    return columns;
}

detail::ColumnSet present_columns(const std::vector<ColumnBinding>& columns) {
    detail::ColumnSet set;
    for (const auto& c : columns)
        set.set(bit(c.target));
    return set;
}

// Reads the rows after the header, stages the good ones, and applies the stage when the
// whole file was clean. `transcode` converts fields (CIF's Latin-1) before checking.
struct RowSource {
    std::vector<ColumnBinding> columns;
    std::string default_currency;
    bool replace_all = false;
    bool latin1 = false;
    // CIF: the line that ends the data; nullopt for CSV.
    std::optional<std::string> end_marker;
    std::optional<std::uint64_t> expected_rows;
};

std::string latin1_to_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

void run_import(Connection& conn, CsvReader& reader, RowSource& src, IssueList& issues,
                ImportReport& report, const ImportOptions& options, std::uint64_t total_bytes,
                std::chrono::steady_clock::time_point start) {
    detail::ProgressTicker ticker(options, total_bytes);
    std::size_t sku_index = 0;
    for (std::size_t i = 0; i < src.columns.size(); ++i) {
        if (src.columns[i].target == ProductColumn::sku)
            sku_index = i;
    }
    detail::ProductStage stage(conn, detail::StageTransaction::own);
    CsvRecord rec;
    detail::StagedProduct row;
    bool ended = false;
    for (;;) {
        auto r = reader.next(rec);
        if (!r) {
            issues.add(rec.line, "", "", r.error().message);
            continue;
        }
        if (!*r)
            break;
        if (src.end_marker && rec.fields.size() == 1 &&
            detail::trim(rec.fields[0]) == *src.end_marker) {
            ended = true;
            break;
        }
        ++report.rows;
        ticker.row(report.rows, reader.bytes_read());
        if (!detail::check_width(rec, src.columns.size(), issues))
            continue;
        if (src.latin1) {
            for (auto& f : rec.fields)
                f = latin1_to_utf8(f);
        }
        if (!detail::check_product_row(rec.fields, rec.lines, src.columns, src.default_currency,
                                       row, issues)) {
            continue;
        }
        auto added = stage.add(row, rec.line);
        if (!added) {
            issues.add(0, "", "", "staging the import failed: " + added.error().message);
            break;
        }
        if (*added) {
            issues.add(rec.lines[sku_index], src.columns[sku_index].name, row.sku,
                       "appears twice in the file (first on line " + std::to_string(**added) + ")");
        }
    }
    if (src.end_marker) {
        if (!ended) {
            issues.add(reader.line(), "", "",
                       "the file ends without " + *src.end_marker + " (is it truncated?)");
        } else {
            // Only blank lines may follow the end marker.
            for (;;) {
                auto r = reader.next(rec);
                if (r && !*r)
                    break;
                issues.add(rec.line, "", "", "unexpected text after " + *src.end_marker);
                break;
            }
        }
        if (src.expected_rows && *src.expected_rows != report.rows) {
            issues.add(0, "ITEMCOUNT", std::to_string(*src.expected_rows),
                       "does not match the " + std::to_string(report.rows) + " items in the file");
        }
    }
    report.validate_time = detail::since(start);
    if (!issues.empty())
        return;

    if (auto r = stage.finish(); !r) {
        issues.add(0, "", "", "staging the import failed: " + r.error().message);
        return;
    }
    detail::apply_phase(
        report, issues, ticker, reader.bytes_read(), [&]() -> Result<std::chrono::microseconds> {
            detail::SwapChoice swap;
            swap.in_place_max_rows = options.in_place_max_rows;
            swap.source = issues.file();
            auto applied = stage.apply(present_columns(src.columns), src.replace_all,
                                       options.now.value_or(now()), &swap);
            if (!applied)
                return applied.error();
            report.inserted = applied->inserted;
            report.updated = applied->updated;
            report.unchanged = applied->unchanged;
            report.deleted = applied->deleted;
            return applied->lock_time;
        });
}

}  // namespace

ImportReport import_catalog_csv(Connection& conn, std::istream& in, const std::string& name,
                                const ImportOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ImportReport report;
    report.file = name;
    IssueList issues(name, options.max_issues);
    const std::uint64_t total = detail::stream_size(in);
    CsvReader reader(in);
    CsvRecord header;
    if (!detail::read_header(reader, header, issues)) {
        return detail::finish_report(std::move(report), issues, start);
    }
    RowSource src{bind_csv_header(header, issues), "", false, false, {}, {}};
    if (!issues.empty())
        return detail::finish_report(std::move(report), issues, start);
    run_import(conn, reader, src, issues, report, options, total, start);
    return detail::finish_report(std::move(report), issues, start);
}

ImportReport import_catalog_cif(Connection& conn, std::istream& in, const std::string& name,
                                const ImportOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ImportReport report;
    report.file = name;
    IssueList issues(name, options.max_issues);
    const std::uint64_t total = detail::stream_size(in);

    // The header: a version line, then "NAME: value" lines up to DATA.
    std::string line;
    std::size_t line_no = 0;
    std::map<std::string, std::pair<std::string, std::size_t>> header;
    bool data = false;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line_no == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.erase(0, 3);
        if (line_no == 1) {
            if (detail::trim(line) != "CIF_I_V3.0") {
                issues.add(1, "", line,
                           line.starts_with("CIF_I_V") ? "is a CIF version this reader does not "
                                                         "support (only CIF_I_V3.0)"
                                                       : "is not a CIF header (CIF_I_V3.0)");
                return detail::finish_report(std::move(report), issues, start);
            }
            continue;
        }
        const std::string_view text = detail::trim(line);
        if (text.empty())
            continue;
        if (text == "DATA") {
            data = true;
            break;
        }
        const std::size_t colon = text.find(':');
        if (colon == std::string_view::npos) {
            issues.add(line_no, "", line, "is not a 'NAME: value' header line");
            continue;
        }
        header[detail::lower(detail::trim(text.substr(0, colon)))] = {
            std::string(detail::trim(text.substr(colon + 1))), line_no};
    }
    if (!data) {
        issues.add(line_no, "", "", "the header never reaches the DATA line");
        return detail::finish_report(std::move(report), issues, start);
    }
    auto get = [&](const char* key) -> const std::pair<std::string, std::size_t>* {
        auto it = header.find(key);
        return it == header.end() ? nullptr : &it->second;
    };

    RowSource src{{}, "", false, false, "ENDOFDATA", {}};
    if (auto* mode = get("loadmode")) {
        const std::string m = detail::lower(mode->first);
        if (m == "f" || m == "full") {
            src.replace_all = true;
        } else if (m != "i" && m != "incremental") {
            issues.add(mode->second, "LOADMODE", mode->first, "is not F (full) or I (incremental)");
        }
    }
    if (auto* charset = get("charset")) {
        const std::string c = detail::lower(charset->first);
        if (c == "8859_1" || c == "iso-8859-1" || c == "iso8859_1" || c == "latin1") {
            src.latin1 = true;
        } else if (c != "utf-8" && c != "utf8" && c != "us-ascii") {
            issues.add(charset->second, "CHARSET", charset->first,
                       "is not supported (UTF-8 or 8859_1)");
        }
    }
    if (auto* format = get("codeformat")) {
        if (detail::lower(format->first) != "unspsc") {
            issues.add(format->second, "CODEFORMAT", format->first,
                       "is not supported (only UNSPSC)");
        }
    }
    if (auto* currency = get("currency"))
        src.default_currency = currency->first;
    if (auto* count = get("itemcount")) {
        std::string problem;
        const auto& v = count->first;
        if (!v.empty() && v.size() < 12 && v.find_first_not_of("0123456789") == std::string::npos) {
            src.expected_rows = std::stoull(v);
        } else {
            issues.add(count->second, "ITEMCOUNT", v, "is not a whole number");
        }
    }
    auto* fieldnames = get("fieldnames");
    if (!fieldnames) {
        issues.add(0, "FIELDNAMES", "", "is missing from the header");
        return detail::finish_report(std::move(report), issues, start);
    }
    {
        std::istringstream names(fieldnames->first);
        CsvReader names_reader(names, fieldnames->second);
        CsvRecord rec;
        auto r = names_reader.next(rec);
        std::set<ProductColumn> seen;
        for (std::size_t i = 0; r && *r && i < rec.fields.size(); ++i) {
            ColumnBinding b;
            b.name = std::string(detail::trim(rec.fields[i]));
            const std::string key = detail::lower(b.name);
            bool known = false;
            for (const auto& f : cif_fields) {
                if (key == f.name) {
                    b.target = f.target;
                    known = true;
                }
            }
            if (!known) {
                issues.add(fieldnames->second, b.name, b.name,
                           "is not a CIF 3.0 field this reader knows");
            } else if (b.target != ProductColumn::ignored && !seen.insert(b.target).second) {
                issues.add(fieldnames->second, b.name, b.name, "appears twice in FIELDNAMES");
            }
            src.columns.push_back(std::move(b));
        }
        for (const auto required : cif_required) {
            if (!seen.count(required)) {
                const char* label = "";
                for (const auto& f : cif_fields) {
                    if (f.target == required) {
                        label = f.name;
                        break;
                    }
                }
                issues.add(fieldnames->second, label, "", "required CIF field is missing");
            }
        }
    }
    if (!issues.empty())
        return detail::finish_report(std::move(report), issues, start);

    CsvReader reader(in, line_no + 1);
    run_import(conn, reader, src, issues, report, options, total, start);
    return detail::finish_report(std::move(report), issues, start);
}

ImportReport import_catalog_file(Connection& conn, const std::filesystem::path& path,
                                 const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return detail::unopenable(path.string());
    char buffer[10] = {};
    in.read(buffer, sizeof buffer);
    std::string_view head(buffer, static_cast<std::size_t>(in.gcount()));
    if (head.starts_with("\xEF\xBB\xBF"))
        head.remove_prefix(3);
    in.clear();
    in.seekg(0);
    if (head.starts_with("CIF_I_V")) {
        return import_catalog_cif(conn, in, path.string(), options);
    }
    return import_catalog_csv(conn, in, path.string(), options);
}

}  // namespace punchout::catalog
