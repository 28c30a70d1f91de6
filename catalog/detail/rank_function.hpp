#pragma once

// punchout_rank(product_fts, w0, w1, ...): a cheap relevance score for search, registered
// on every connection. bm25 first scans the full doclist of every phrase to weigh rare
// words (milliseconds for common words in a million products); this score uses only the
// current row's matches: for each phrase, the weight of the best column it occurs in, plus
// a little for each further column it occurs in. Lower is better, like bm25.
#include <sqlite3.h>

namespace punchout::catalog::detail {

/// Registers punchout_rank on `db`; false when the FTS5 API is not available.
bool register_rank_function(sqlite3* db);

}  // namespace punchout::catalog::detail
