#include "catalog/detail/rank_function.hpp"

#include <algorithm>

namespace punchout::catalog::detail {
namespace {

void punchout_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                   sqlite3_value** argv) {
    // Walks only the columns each phrase occurs in (not every occurrence), which is all the
    // score needs and much cheaper on long rows.
    const int phrases = api->xPhraseCount(fts);
    double score = 0, extra = 0;
    for (int p = 0; p < phrases; ++p) {
        Fts5PhraseIter it;
        int column = -1;
        double best = 0;
        if (api->xPhraseFirstColumn(fts, p, &it, &column) != SQLITE_OK) {
            sqlite3_result_error(ctx, "punchout_rank: cannot read matches", -1);
            return;
        }
        for (; column >= 0; api->xPhraseNextColumn(fts, &it, &column)) {
            const double weight = column < argc ? sqlite3_value_double(argv[column]) : 1.0;
            best = std::max(best, weight);
            extra += weight;
        }
        score += best;
    }
    // Matches in further columns only break ties between rows with the same best columns.
    score += std::min(extra, 99.0) / 100.0;
    sqlite3_result_double(ctx, -score);
}

}  // namespace

bool register_rank_function(sqlite3* db) {
    // The documented way to reach the FTS5 API: SELECT fts5(?1) with a bound pointer.
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
        return false;
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (!api)
        return false;
    return api->xCreateFunction(api, "punchout_rank", nullptr, punchout_rank, nullptr) == SQLITE_OK;
}

}  // namespace punchout::catalog::detail
