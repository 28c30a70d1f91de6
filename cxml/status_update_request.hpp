#pragma once

#include "cxml/extrinsic.hpp"
#include "cxml/status.hpp"

#include <string>

namespace punchout::cxml {

/// A cXML `StatusUpdateRequest`: the new status of a document sent earlier.
struct StatusUpdateRequest {
    std::string document_reference;  ///< `DocumentReference@payloadID`
    Status status;                   ///< `Status`
    Extrinsics extrinsics;           ///< `Extrinsic*`

    bool operator==(const StatusUpdateRequest&) const = default;
};

}  // namespace punchout::cxml
