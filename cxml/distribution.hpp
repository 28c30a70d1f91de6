#pragma once

#include "cxml/money.hpp"

#include <string>
#include <vector>

namespace punchout::cxml {

/// One accounting `Segment` (cost centre, project, ...).
struct AccountingSegment {
    std::string type;         ///< `type`
    std::string id;           ///< `id`
    std::string description;  ///< `description`

    bool operator==(const AccountingSegment&) const = default;
};

/// A cXML `Distribution`: how much of a line is charged to which account.
struct Distribution {
    std::string accounting_name;              ///< `Accounting@name`
    std::vector<AccountingSegment> segments;  ///< `Accounting/Segment+`
    Money charge;                             ///< `Charge/Money`

    bool operator==(const Distribution&) const = default;
};

}  // namespace punchout::cxml
