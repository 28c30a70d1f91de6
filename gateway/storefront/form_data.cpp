#include "gateway/storefront/form_data.hpp"

namespace punchout::gateway::storefront {

FormData FormData::parse(std::string_view encoded) {
    FormData data;
    data.fields_ = cxml::parse_form_urlencoded(encoded);
    return data;
}

FormData FormData::from_target(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos)
        return {};
    return parse(target.substr(q + 1));
}

std::string_view FormData::get(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (f.name == name)
            return f.value;
    }
    return {};
}

std::vector<std::string_view> FormData::all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& f : fields_) {
        if (f.name == name)
            out.push_back(f.value);
    }
    return out;
}

bool FormData::has(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (f.name == name)
            return true;
    }
    return false;
}

}  // namespace punchout::gateway::storefront
