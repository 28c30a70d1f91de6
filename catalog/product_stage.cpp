#include "catalog/detail/product_stage.hpp"

#include "catalog/amount.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/json_text.hpp"
#include "catalog/write_transaction.hpp"

#include <limits>
#include <set>

namespace punchout::catalog::detail {
namespace {

constexpr std::size_t bit(ProductColumn c) {
    return static_cast<std::size_t>(c);
}

// Limits (bytes); CIF allows 2000 for the description, others follow CIF's 255.
constexpr std::size_t max_description = 2000;
constexpr std::size_t max_long_description = 20000;
constexpr std::size_t max_short = 255;
constexpr std::size_t max_attribute_value = 1000;

constexpr NamedColumn csv_columns[] = {
    {"sku", ProductColumn::sku},
    {"description", ProductColumn::description},
    {"uom", ProductColumn::uom},
    {"price", ProductColumn::price},
    {"currency", ProductColumn::currency},
    {"unspsc", ProductColumn::unspsc},
    {"short_name", ProductColumn::short_name},
    {"long_description", ProductColumn::long_description},
    {"manufacturer", ProductColumn::manufacturer},
    {"manufacturer_part", ProductColumn::manufacturer_part},
    {"lead_time_days", ProductColumn::lead_time_days},
    {"category", ProductColumn::category},
    {"price_basis_quantity", ProductColumn::price_basis_quantity},
    {"image_url", ProductColumn::image_url},
    {"datasheet_url", ProductColumn::datasheet_url},
};

// Optional columns the file lacks keep their values on existing products.
struct Field {
    const char* column;
    ProductColumn source;
    const char* insert_expr;  // the value for a new product
};
const Field fields[] = {
    {"description", ProductColumn::description, "s.description"},
    {"short_name", ProductColumn::short_name, "coalesce(s.short_name, '')"},
    {"long_description", ProductColumn::long_description, "coalesce(s.long_description, '')"},
    {"unspsc", ProductColumn::unspsc, "s.unspsc"},
    {"uom", ProductColumn::uom, "s.uom"},
    {"price_basis_quantity", ProductColumn::price_basis_quantity,
     "coalesce(s.price_basis_quantity, 10000)"},
    {"list_price", ProductColumn::price, "s.list_price"},
    {"currency", ProductColumn::currency, "s.currency"},
    {"manufacturer", ProductColumn::manufacturer, "coalesce(s.manufacturer, '')"},
    {"manufacturer_part", ProductColumn::manufacturer_part, "coalesce(s.manufacturer_part, '')"},
    {"lead_time_days", ProductColumn::lead_time_days, "s.lead_time_days"},
    {"category_id", ProductColumn::category, "c.id"},
    {"image_url", ProductColumn::image_url, "coalesce(s.image_url, '')"},
    {"datasheet_url", ProductColumn::datasheet_url, "coalesce(s.datasheet_url, '')"},
    {"attributes", ProductColumn::attribute, "coalesce(s.attributes, '{}')"},
};
// Columns every import sets; the others only when the file has them.
bool always_set(ProductColumn c) {
    return c == ProductColumn::description || c == ProductColumn::unspsc ||
           c == ProductColumn::uom || c == ProductColumn::price || c == ProductColumn::currency;
}

}  // namespace

std::span<const NamedColumn> csv_product_columns() {
    return csv_columns;
}

bool check_product_row(const std::vector<std::string>& fields,
                       const std::vector<std::size_t>& lines,
                       const std::vector<ColumnBinding>& columns,
                       const std::string& default_currency, StagedProduct& out, IssueList& issues) {
    out = StagedProduct{};
    const std::uint64_t before = issues.count();
    std::size_t attribute_count = 0;
    out.attributes_json = "{";
    std::string problem;

    // The Delete flag decides which other fields matter, so read it first.
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].target != ProductColumn::remove)
            continue;
        auto flag = parse_flag(fields[i]);
        if (!flag) {
            issues.add(lines[i], columns[i].name, fields[i], "is not a true/false flag (T or F)");
        } else {
            out.remove = *flag;
        }
    }

    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string& v = fields[i];
        const auto& col = columns[i];
        auto report = [&](const std::string& message) {
            issues.add(lines[i], col.name, v, message);
        };
        auto text = [&](std::string& dest, std::size_t max, bool multiline = false) {
            if (auto p = check_text(v, max, multiline))
                return report(*p);
            dest = v;
        };
        if (out.remove && col.target != ProductColumn::sku)
            continue;
        switch (col.target) {
            case ProductColumn::sku:
                if (auto p = check_identifier(v))
                    return report(*p), false;
                out.sku = v;
                break;
            case ProductColumn::description:
                if (auto p = check_required_text(v, max_description))
                    report(*p);
                else
                    out.description = v;
                break;
            case ProductColumn::short_name:
                text(out.short_name, max_short);
                break;
            case ProductColumn::long_description:
                text(out.long_description, max_long_description, true);
                break;
            case ProductColumn::unspsc:
                if (auto p = check_unspsc(v))
                    report(*p);
                else
                    out.unspsc = v;
                break;
            case ProductColumn::uom:
                if (auto p = check_unit_code(v))
                    report(*p);
                else
                    out.uom = v;
                break;
            case ProductColumn::price: {
                auto a = Amount::parse(v);
                if (!a)
                    report(without_value(a.error().message, v));
                else if (a->is_negative())
                    report("is negative");
                else
                    out.list_price = a->units();
                break;
            }
            case ProductColumn::currency: {
                const std::string& c = v.empty() ? default_currency : v;
                if (auto p = check_currency(c))
                    report(*p);
                else
                    out.currency = c;
                break;
            }
            case ProductColumn::manufacturer:
                text(out.manufacturer, max_short);
                break;
            case ProductColumn::manufacturer_part:
                text(out.manufacturer_part, max_short);
                break;
            case ProductColumn::lead_time_days:
                if (!v.empty()) {
                    if (auto d = parse_days(v, problem))
                        out.lead_time_days = *d;
                    else
                        report(problem);
                }
                break;
            case ProductColumn::category:
                if (auto path = normalize_category(v, problem))
                    out.category = *path;
                else
                    report(problem);
                break;
            case ProductColumn::price_basis_quantity:
                if (!v.empty()) {
                    auto a = Amount::parse(v);
                    if (!a)
                        report(without_value(a.error().message, v));
                    else if (a->units() <= 0)
                        report("must be greater than zero");
                    else
                        out.price_basis_quantity = a->units();
                }
                break;
            case ProductColumn::image_url:
            case ProductColumn::datasheet_url: {
                std::string& dest =
                    col.target == ProductColumn::image_url ? out.image_url : out.datasheet_url;
                if (v.empty())
                    break;
                if (auto p = check_http_url(v))
                    report(*p);
                else
                    dest = v;
                break;
            }
            case ProductColumn::attribute:
                if (v.empty())
                    break;  // an empty cell: the product has no such attribute
                if (auto p = check_text(v, max_attribute_value)) {
                    report(*p);
                    break;
                }
                if (attribute_count++)
                    out.attributes_json += ',';
                append_json_string(out.attributes_json, col.attribute);
                out.attributes_json += ':';
                append_json_string(out.attributes_json, v);
                break;
            case ProductColumn::remove:
            case ProductColumn::ignored:
            case ProductColumn::count:
                break;
        }
    }
    out.attributes_json += '}';
    // A currency column may be absent in CIF, where the header's CURRENCY applies.
    if (!out.remove && out.currency.empty() && issues.count() == before) {
        if (auto p = check_currency(default_currency)) {
            issues.add(lines.empty() ? 0 : lines[0], "Currency", default_currency,
                       "no currency for this row: " + *p);
        } else {
            out.currency = default_currency;
        }
    }
    return issues.count() == before;
}

std::string_view SeenSkus::key(const Slot& s) const {
    const char* p = keys_.data() + s.offset;
    return std::string_view(p);  // keys are stored NUL-terminated
}

void SeenSkus::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const auto& s : old) {
        if (s.hash == 0)
            continue;
        std::size_t i = s.hash & mask;
        while (slots_[i].hash != 0)
            i = (i + 1) & mask;
        slots_[i] = s;
    }
}

std::optional<std::size_t> SeenSkus::insert(std::string_view sku, std::size_t line) {
    if ((count_ + 1) * 2 > slots_.size())
        grow();
    const std::uint64_t hash = std::hash<std::string_view>{}(sku) | 1;  // never 0 (empty)
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; slots_[i].hash != 0; i = (i + 1) & mask) {
        if (slots_[i].hash == hash && key(slots_[i]) == sku)
            return slots_[i].line;
    }
    slots_[i] =
        Slot{hash, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(line)};
    keys_.append(sku);
    keys_.push_back('\0');  // SKUs are checked text: they hold no NUL
    ++count_;
    return std::nullopt;
}

ProductStage::ProductStage(Connection& conn, StageTransaction mode)
    : conn_(conn), nested_(mode == StageTransaction::join) {
    if (nested_ && !conn_.in_transaction()) {
        open_error_ =
            Error{Errc::storage, "the database rolled the batch back; nothing was written"};
        return;
    }
    // The TEMP table lives in the connection's private temp file: staging a million rows
    // neither holds a lock on the catalog nor needs the rows in memory. It has no index:
    // duplicates are caught by SeenSkus, and rows are applied in file order.
    auto r = conn_.exec(
        "DROP TABLE IF EXISTS temp.stage_product;"
        "CREATE TEMP TABLE stage_product ("
        " sku TEXT NOT NULL, remove INTEGER NOT NULL,"
        " description TEXT, short_name TEXT, long_description TEXT, unspsc TEXT, uom TEXT,"
        " price_basis_quantity INTEGER, list_price INTEGER, currency TEXT, manufacturer TEXT,"
        " manufacturer_part TEXT, lead_time_days INTEGER, category TEXT, image_url TEXT,"
        " datasheet_url TEXT, attributes TEXT);"
        "PRAGMA temp.cache_size = -32768;" +
        std::string(nested_ ? "" : "BEGIN"));
    if (!r) {
        // A disk or memory failure is the import's answer, not an exception: add() and
        // finish() report it, and the import changes nothing.
        // BEGIN comes last, so nothing is open to roll back.
        open_error_ = Error{r.error().code, "cannot create the import stage: " + r.error().message};
        return;
    }
    staging_ = !nested_;
}

ProductStage::~ProductStage() {
    if (staging_)
        (void)conn_.exec("ROLLBACK");
    (void)conn_.exec(
        "DROP TABLE IF EXISTS temp.stage_product; DROP TABLE IF EXISTS temp.removed_product");
}

Result<std::optional<std::size_t>> ProductStage::add(const StagedProduct& row, std::size_t line) {
    if (open_error_)
        return *open_error_;
    if (auto first = seen_.insert(row.sku, line))
        return first;
    auto st = conn_.prepare(
        "INSERT INTO temp.stage_product VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    st.bind(1, row.sku).bind(2, row.remove ? 1 : 0);
    if (!row.remove) {
        st.bind(3, row.description)
            .bind(4, row.short_name)
            .bind(5, row.long_description)
            .bind(6, row.unspsc)
            .bind(7, row.uom)
            .bind(8, row.price_basis_quantity)
            .bind(9, row.list_price)
            .bind(10, row.currency)
            .bind(11, row.manufacturer)
            .bind(12, row.manufacturer_part)
            .bind(13, row.lead_time_days)
            .bind(14, row.category)
            .bind(15, row.image_url)
            .bind(16, row.datasheet_url)
            .bind(17, row.attributes_json);
        ++staged_;
        if (!row.category.empty())
            categories_.insert(row.category);
    } else {
        ++removals_;
    }
    if (auto r = st.run(); !r)
        return r.error();
    return std::optional<std::size_t>{};
}

Result<void> ProductStage::finish() {
    if (open_error_)
        return *open_error_;
    if (!staging_)
        return {};
    staging_ = false;
    return conn_.exec("COMMIT");
}

Result<void> ProductStage::insert_categories() {
    for (const auto& path : categories_) {
        // Parents before children: every prefix of the path, shortest first.
        std::size_t from = 0;
        for (;;) {
            const std::size_t sep = path.find(" > ", from);
            auto st = conn_.prepare(
                "INSERT INTO main.category (parent_id, name, path) VALUES"
                " ((SELECT id FROM main.category WHERE path = ?1), ?2, ?3)"
                " ON CONFLICT (path) DO NOTHING");
            if (from == 0)
                st.bind(1, nullptr);
            else
                st.bind(1, std::string_view(path).substr(0, from - 3));
            st.bind(2, std::string_view(path).substr(from,
                                                     sep == std::string::npos ? sep : sep - from));
            st.bind(3, std::string_view(path).substr(0, sep));
            if (auto r = st.run(); !r)
                return r.error();
            if (sep == std::string::npos)
                break;
            from = sep + 3;
        }
    }
    return {};
}

Result<ApplyCounts> ProductStage::apply(const ColumnSet& present, bool replace_all, Timestamp now,
                                        const SwapChoice* swap) {
    if (swap) {
        // The rows this import may write: a full load also deletes what it does not list.
        std::int64_t touched = staged_ + removals_;
        if (replace_all && touched <= swap->in_place_max_rows) {
            auto st = conn_.prepare("SELECT count(*) FROM main.product");
            auto r = st.step();
            if (!r)
                return r.error();
            touched += st.int64(0);
        }
        if (touched > swap->in_place_max_rows)
            return apply_by_swap(present, replace_all, now, *swap);
    }
    ApplyCounts counts;
    std::string columns = "sku", values = "s.sku", updates, changed;
    for (const auto& f : fields) {
        columns += std::string(", ") + f.column;
        values += std::string(", ") + f.insert_expr;
        if (!always_set(f.source) && !present.test(bit(f.source)))
            continue;
        updates += std::string(f.column) + " = excluded." + f.column + ", ";
        if (!changed.empty())
            changed += " OR ";
        changed += std::string("product.") + f.column + " IS NOT excluded." + f.column;
    }
    const std::string upsert =
        "INSERT INTO main.product (" + columns + ", created_at, updated_at) SELECT " + values +
        ", ?1, ?1 FROM temp.stage_product s LEFT JOIN main.category c ON c.path = s.category"
        " WHERE s.remove = 0 ON CONFLICT (sku) DO UPDATE SET " +
        updates + "updated_at = excluded.updated_at WHERE " + changed;
    auto count = [&]() -> Result<std::int64_t> {
        auto st = conn_.prepare("SELECT count(*) FROM main.product");
        auto r = st.step();
        if (!r)
            return r.error();
        return st.int64(0);
    };

    // Outside the lock: how much of the search index this import rewrites. Each row the
    // triggers index costs about as much as re-indexing two or three untouched rows, so
    // when new, changed (in a searched column) and deleted rows together reach half the
    // resulting catalog, rebuilding the whole index in one go is quicker. An estimate: a
    // writer may change things before the lock is taken, which only affects the choice.
    std::string searched_changed;
    for (const auto& f : fields) {
        const bool searched =
            f.source == ProductColumn::description || f.source == ProductColumn::short_name ||
            f.source == ProductColumn::long_description ||
            f.source == ProductColumn::manufacturer ||
            f.source == ProductColumn::manufacturer_part || f.source == ProductColumn::attribute;
        if (!searched || (f.source != ProductColumn::description && !present.test(bit(f.source)))) {
            continue;
        }
        if (!searched_changed.empty())
            searched_changed += " OR ";
        searched_changed += std::string("p.") + f.column + " IS NOT " + f.insert_expr;
    }
    auto size = count();
    if (!size)
        return size.error();
    bool bulk = *size == 0;
    if (!bulk) {
        auto st = conn_.prepare_once(
            "SELECT coalesce(sum(p.id IS NULL), 0), coalesce(sum(p.id IS NOT NULL AND (" +
            searched_changed +
            ")), 0) FROM temp.stage_product s LEFT JOIN main.product p ON p.sku = s.sku"
            " WHERE s.remove = 0");
        auto r = st.step();
        if (!r)
            return r.error();
        const std::int64_t fresh = st.int64(0), changed = st.int64(1);
        const std::int64_t deleted = replace_all ? *size - (staged_ - fresh) : removals_;
        const std::int64_t result = *size + fresh - deleted;
        bulk = 2 * changed + fresh + deleted >= result;
    }

    // A larger page cache while applying: the upsert and the FTS index touch many pages.
    std::int64_t cache_size = -16384;
    {
        auto st = conn_.prepare("PRAGMA main.cache_size");
        if (auto r = st.step(); r && *r)
            cache_size = st.int64(0);
    }
    (void)conn_.exec("PRAGMA main.cache_size = -65536");
    struct RestoreCache {
        Connection& conn;
        std::int64_t size;
        ~RestoreCache() { (void)conn.exec("PRAGMA main.cache_size = " + std::to_string(size)); }
    } restore{conn_, cache_size};

    std::int64_t before = 0, after = 0, changed_rows = 0;
    auto locked = write_in_one_transaction(conn_, [&]() -> Result<void> {
        if (auto r = refuse_during_catalog_build(conn_); !r)
            return r;
        if (auto r = insert_categories(); !r)
            return r;
        // In one go: the FTS triggers are dropped, the rows written, the index rebuilt from the
        // product table, and the triggers re-created from their stored SQL, all inside this
        // transaction, so no reader ever sees the schema without them.
        std::vector<std::string> triggers;
        if (bulk) {
            auto st = conn_.prepare_once(
                "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND"
                " tbl_name = 'product' AND name LIKE 'product_fts_%'");
            std::vector<std::string> names;
            if (auto r = st.for_each_row([&](Statement& row) {
                    names.push_back(row.text(0));
                    triggers.push_back(row.text(1));
                });
                !r)
                return r.error();
            for (const auto& name : names) {
                if (auto r = conn_.exec("DROP TRIGGER main.\"" + name + "\""); !r)
                    return r.error();
            }
        }
        if (replace_all || removals_ > 0) {
            auto st = conn_.prepare_once(
                replace_all ? "DELETE FROM main.product WHERE sku NOT IN"
                              " (SELECT sku FROM temp.stage_product WHERE remove = 0)"
                            : "DELETE FROM main.product WHERE sku IN"
                              " (SELECT sku FROM temp.stage_product WHERE remove = 1)");
            if (auto r = st.run(); !r)
                return r.error();
            counts.deleted = static_cast<std::uint64_t>(conn_.changes());
        }
        auto initial = count();
        if (!initial)
            return initial.error();
        before = *initial;
        {
            auto st = conn_.prepare_once(upsert);
            st.bind(1, to_unix(now));
            if (auto r = st.run(); !r)
                return r.error();
        }
        changed_rows = conn_.changes();
        if (bulk) {
            if (auto r =
                    conn_.exec("INSERT INTO main.product_fts (product_fts) VALUES ('rebuild')");
                !r) {
                return r.error();
            }
            for (const auto& sql : triggers) {
                if (auto r = conn_.exec(sql); !r)
                    return r.error();
            }
        }
        auto total = count();
        if (!total)
            return total.error();
        after = *total;
        return {};
    });
    if (!locked)
        return locked.error();
    counts.lock_time = *locked;

    counts.inserted = static_cast<std::uint64_t>(after - before);
    counts.updated = static_cast<std::uint64_t>(changed_rows) - counts.inserted;
    counts.unchanged = static_cast<std::uint64_t>(staged_) - counts.inserted - counts.updated;
    return counts;
}

Result<ApplyCounts> ProductStage::apply_by_swap(const ColumnSet& present, bool replace_all,
                                                Timestamp now, const SwapChoice& choice) {
    ApplyCounts counts;
    // Outside the catalog's lock (the temp database is the connection's own).
    if (auto r =
            conn_.exec("CREATE INDEX IF NOT EXISTS temp.stage_product_sku ON stage_product (sku);"
                       "DROP TABLE IF EXISTS temp.removed_product;"
                       "CREATE TEMP TABLE removed_product (id INTEGER PRIMARY KEY)");
        !r) {
        return r.error();
    }

    // An existing product is kept as it is, rewritten with the staged values, or removed;
    // a staged product the catalog lacks is new. Each statement covers one range of ids.
    std::string columns = "id, sku", fresh = "?4 + s.rowid, s.sku", rewritten = "p.id, p.sku",
                changed;
    for (const auto& f : fields) {
        columns += std::string(", ") + f.column;
        fresh += std::string(", ") + f.insert_expr;
        const bool set = always_set(f.source) || present.test(bit(f.source));
        rewritten += std::string(", ") + (set ? f.insert_expr : std::string("p.") + f.column);
        if (!set)
            continue;
        if (!changed.empty())
            changed += " OR ";
        changed += std::string("p.") + f.column + " IS NOT " + f.insert_expr;
    }
    columns += ", created_at, updated_at";
    const std::string from =
        " FROM main.product p LEFT JOIN temp.stage_product s ON s.sku = p.sku"
        " LEFT JOIN main.category c ON c.path = s.category WHERE p.id > ?1 AND p.id <= ?2 AND ";
    const std::string unstaged_kept = replace_all ? "0" : "s.rowid IS NULL";
    const std::string unstaged_removed = replace_all ? "s.rowid IS NULL" : "0";
    const std::string keep = "INSERT INTO main.product_next SELECT p.*" + from + "(" +
                             unstaged_kept + " OR (s.remove = 0 AND NOT (" + changed + ")))";
    const std::string rewrite = "INSERT INTO main.product_next (" + columns + ") SELECT " +
                                rewritten + ", p.created_at, ?3" + from + "s.remove = 0 AND (" +
                                changed + ")";
    const std::string remove = "INSERT INTO temp.removed_product SELECT p.id" + from + "(" +
                               unstaged_removed + " OR s.remove = 1)";
    const std::string insert =
        "INSERT INTO main.product_next (" + columns + ") SELECT " + fresh +
        ", ?3, ?3 FROM temp.stage_product s LEFT JOIN main.category c ON c.path = s.category"
        " WHERE s.rowid > ?1 AND s.rowid <= ?2 AND s.remove = 0 AND"
        " NOT EXISTS (SELECT 1 FROM main.product p WHERE p.sku = s.sku)";

    CatalogSwap swap(conn_, choice.pacing);
    std::int64_t base = 0, staged_rows = 0;
    auto begun = swap.begin(choice.source, [&]() -> Result<void> {
        // Categories first: rows resolve their category by path as they are copied. A new
        // category shows before its products do, and is empty until the swap.
        if (auto r = insert_categories(); !r)
            return r;
        // New products take ids above every id in use, so none inherits rows (stock,
        // contract prices) of a product this import removes.
        auto st = conn_.prepare_once(
            "SELECT coalesce((SELECT max(id) FROM main.product), 0),"
            " coalesce((SELECT max(rowid) FROM temp.stage_product), 0)");
        auto r = st.step();
        if (!r)
            return r.error();
        base = st.int64(0);
        staged_rows = st.int64(1);
        return {};
    });
    if (!begun)
        return begun.error();

    std::string search_columns;
    for (const auto& c : swap.search_columns())
        search_columns += ", " + c;
    const std::string index = "INSERT INTO main.product_fts_next (rowid" + search_columns +
                              ") SELECT id" + search_columns +
                              " FROM main.product_next WHERE id > ?1 AND id <= ?2";
    auto run = [&](const std::string& sql, std::int64_t lo,
                   std::int64_t hi) -> Result<std::int64_t> {
        auto st = conn_.prepare(sql);
        st.bind(1, lo).bind(2, hi);
        // ?3 is the import's time, ?4 the id base for new products, where a statement uses them.
        if (st.parameter_count() >= 3)
            st.bind(3, to_unix(now));
        if (st.parameter_count() >= 4)
            st.bind(4, base);
        if (auto r = st.run(); !r)
            return r.error();
        return conn_.changes();
    };

    // The products there are, in ranges of ids.
    swap.next_phase(choice.pacing.first_rows);
    for (std::int64_t done = std::numeric_limits<std::int64_t>::min();
         done < std::numeric_limits<std::int64_t>::max();) {
        auto r = swap.step([&](std::int64_t rows) -> Result<void> {
            auto next = conn_.prepare(
                "SELECT id FROM main.product WHERE id > ?1 ORDER BY id"
                " LIMIT 1 OFFSET ?2");
            next.bind(1, done).bind(2, rows - 1);
            auto found = next.step();
            if (!found)
                return found.error();
            const std::int64_t hi =
                *found ? next.int64(0) : std::numeric_limits<std::int64_t>::max();
            auto kept = run(keep, done, hi);
            if (!kept)
                return kept.error();
            auto updated = run(rewrite, done, hi);
            if (!updated)
                return updated.error();
            auto removed = run(remove, done, hi);
            if (!removed)
                return removed.error();
            if (auto indexed = run(index, done, hi); !indexed)
                return indexed.error();
            counts.updated += static_cast<std::uint64_t>(*updated);
            counts.deleted += static_cast<std::uint64_t>(*removed);
            done = hi;
            return {};
        });
        if (!r)
            return r.error();
    }
    // The new products, in ranges of the stage.
    swap.next_phase(choice.pacing.first_rows);
    for (std::int64_t done = 0; done < staged_rows;) {
        auto r = swap.step([&](std::int64_t rows) -> Result<void> {
            const std::int64_t hi = std::min(done + rows, staged_rows);
            auto inserted = run(insert, done, hi);
            if (!inserted)
                return inserted.error();
            if (auto indexed = run(index, base + done, base + hi); !indexed)
                return indexed.error();
            counts.inserted += static_cast<std::uint64_t>(*inserted);
            done = hi;
            return {};
        });
        if (!r)
            return r.error();
    }
    // Written a step at a time, the index is many small segments; merged a step at a time
    // into one, searches run as fast as after a rebuild. FTS5 reports no work left by
    // changing (almost) nothing.
    swap.next_phase(choice.pacing.first_rows);
    for (bool more = true; more;) {
        auto r = swap.step([&](std::int64_t rows) -> Result<void> {
            const std::int64_t before = conn_.total_changes();
            auto st = conn_.prepare(
                "INSERT INTO main.product_fts_next (product_fts_next, rank) VALUES ('merge', ?1)");
            // `rows` pages: writing a page of merged index costs about what copying a
            // product does.
            st.bind(1, -rows);
            if (auto m = st.run(); !m)
                return m.error();
            more = conn_.total_changes() - before >= 2;
            return {};
        });
        if (!r)
            return r.error();
    }
    if (auto r = swap.swap("temp.removed_product"); !r)
        return r.error();
    // Served from the new tables now; emptying the old ones is housekeeping a failure of
    // which the next import finishes.
    (void)swap.finish();

    counts.unchanged = static_cast<std::uint64_t>(staged_) - counts.inserted - counts.updated;
    counts.lock_time = swap.longest_lock();
    return counts;
}

}  // namespace punchout::catalog::detail
