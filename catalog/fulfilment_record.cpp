#include "catalog/detail/fulfilment_record.hpp"

#include <cstdio>

namespace punchout::catalog::detail {

Error invalid(std::string message) {
    return Error{Errc::invalid, std::move(message)};
}

std::string qty(Amount a) {
    return a.to_string();
}

// The identifier the caller gave, or "CNF-000042": the next row id, so generated
// identifiers never repeat.
Result<std::string> given_or_next_identifier(Connection& conn, const std::string& given,
                                             std::string_view table, std::string_view prefix) {
    if (!given.empty())
        return given;
    auto st = conn.prepare("SELECT coalesce(max(id), 0) + 1 FROM " + std::string(table));
    auto r = st.step();
    if (!r)
        return r.error();
    char digits[24];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(st.int64(0)));
    return std::string(prefix) + digits;
}

// Runs the INSERT of a record with its own identifier: the only unique constraint it can
// break is that identifier's.
Result<void> insert_identified(Statement& st, std::string_view id_name, const std::string& id) {
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint)
            return Error{Errc::constraint, std::string(id_name) + " '" + id + "' is taken"};
        return r.error();
    }
    return {};
}

bool is_iso_date(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (d[i] < '0' || d[i] > '9')
            return false;
    }
    const int month = (d[5] - '0') * 10 + (d[6] - '0');
    const int day = (d[8] - '0') * 10 + (d[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Amount plus(Amount a, Amount b) {
    return Amount::from_units(a.units() + b.units());
}

LineProgress* line_of(Fulfilment& f, int line_number) {
    for (auto& l : f.lines) {
        if (l.line_number == line_number)
            return &l;
    }
    return nullptr;
}

std::string order_name(const Order& o) {
    return "order " + o.order_id;
}

}  // namespace punchout::catalog::detail
