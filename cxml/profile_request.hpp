#pragma once

namespace punchout::cxml {

/// A cXML `ProfileRequest`: "which transactions do you support, and where?" (empty).
struct ProfileRequest {
    bool operator==(const ProfileRequest&) const = default;
};

}  // namespace punchout::cxml
