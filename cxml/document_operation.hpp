#pragma once

#include <string_view>

namespace punchout::cxml {

/// What a business document does to its subject (`type` of OrderRequestHeader, `operation`
/// of ConfirmationHeader, ShipNoticeHeader and InvoiceDetailRequestHeader).
enum class DocumentOperation {
    new_,     ///< "new"
    update,   ///< "update"
    delete_,  ///< "delete"
};

/// The cXML word: "new", "update", "delete".
std::string_view to_string(DocumentOperation op) noexcept;

}  // namespace punchout::cxml
