#include "cxml/credential.hpp"

#include "cxml/detail/text.hpp"

namespace punchout::cxml {

bool domain_equals(std::string_view a, std::string_view b) noexcept {
    return detail::iequals(detail::trim(a), detail::trim(b));
}

const Credential* find_credential(const std::vector<Credential>& credentials,
                                  std::string_view domain) noexcept {
    for (const auto& c : credentials) {
        if (domain_equals(c.domain, domain))
            return &c;
    }
    return nullptr;
}

}  // namespace punchout::cxml
