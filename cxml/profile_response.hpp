#pragma once

#include "cxml/date_time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A ProfileResponse `Option`: a named capability value.
struct ProfileOption {
    std::string name;   ///< `name`
    std::string value;  ///< the text

    bool operator==(const ProfileOption&) const = default;
};

/// A ProfileResponse `Transaction`: a request we accept and its URL.
struct ProfileTransaction {
    std::string request_name;            ///< `requestName` (OrderRequest, ...)
    std::string url;                     ///< `URL`
    std::vector<ProfileOption> options;  ///< `Option*`

    bool operator==(const ProfileTransaction&) const = default;
};

/// A cXML `ProfileResponse`.
struct ProfileResponse {
    DateTime effective_date;                       ///< `effectiveDate`
    std::optional<DateTime> last_refresh;          ///< `lastRefresh`
    std::vector<ProfileOption> options;            ///< `Option*`
    std::vector<ProfileTransaction> transactions;  ///< `Transaction+`

    bool operator==(const ProfileResponse&) const = default;
};

}  // namespace punchout::cxml
