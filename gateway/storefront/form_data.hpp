#pragma once

#include "cxml/form_post.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// The fields of a query string or an `application/x-www-form-urlencoded` body, in order.
/// Every value is whatever the browser (or anyone else) sent.
class FormData {
public:
    FormData() = default;
    /// Parses `a=1&b=2` (`+` is a space, %XX decoded).
    static FormData parse(std::string_view encoded);
    /// The query string of a request target (after '?'), parsed.
    static FormData from_target(std::string_view target);

    /// The first value of `name`, or empty.
    std::string_view get(std::string_view name) const noexcept;
    /// Every value of `name`, in order.
    std::vector<std::string_view> all(std::string_view name) const;
    /// True when `name` was sent (even empty).
    bool has(std::string_view name) const noexcept;
    /// The first value of `name` compared without regard to ASCII case (SAP customers and
    /// other OCI callers spell HOOK_URL, ~TARGET, USERNAME as they configured them), or empty.
    std::string_view get_any_case(std::string_view name) const noexcept;
    /// True when `name`, in any case, was sent.
    bool has_any_case(std::string_view name) const noexcept;
    const std::vector<cxml::FormField>& fields() const noexcept { return fields_; }

private:
    std::vector<cxml::FormField> fields_;
};

}  // namespace punchout::gateway::storefront
