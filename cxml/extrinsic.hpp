#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// A cXML `Extrinsic`: a named value outside the standard (`UserEmail`, `CostCenter`, ...).
/// The value is the element's text (nested markup is flattened to its text).
struct Extrinsic {
    std::string name;   ///< `name`, as sent
    std::string value;  ///< the text content, trimmed

    bool operator==(const Extrinsic&) const = default;
};

/// Extrinsics in document order; names may repeat.
using Extrinsics = std::vector<Extrinsic>;

/// The value of the first extrinsic whose name equals `name` (ASCII case-insensitive), or
/// null.
const std::string* find_extrinsic(const Extrinsics& extrinsics, std::string_view name) noexcept;

}  // namespace punchout::cxml
