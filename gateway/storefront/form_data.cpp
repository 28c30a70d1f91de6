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

namespace {

bool iequal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

}  // namespace

std::string_view FormData::get_any_case(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (iequal(f.name, name))
            return f.value;
    }
    return {};
}

bool FormData::has_any_case(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (iequal(f.name, name))
            return true;
    }
    return false;
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
