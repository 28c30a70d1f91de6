#pragma once

#include <string>

namespace punchout::cxml {

/// A cXML `PunchOutSetupResponse`: where the user's browser should go.
struct PunchOutSetupResponse {
    std::string start_page_url;  ///< `StartPage/URL`

    bool operator==(const PunchOutSetupResponse&) const = default;
};

}  // namespace punchout::cxml
