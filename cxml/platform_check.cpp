#include "cxml/platform_check.hpp"

#include "cxml/detail/text.hpp"

#include <algorithm>

namespace punchout::cxml {
namespace {

std::string quoted(std::string_view s) {
    return "\xE2\x80\x9C" + std::string(s) + "\xE2\x80\x9D";
}

std::string length_word(const PlatformProfile& p) {
    return p.count_characters ? "characters" : "bytes";
}

std::size_t length_of(const PlatformProfile& p, std::string_view s) {
    return p.count_characters ? detail::utf8_length(s) : s.size();
}

// The part of `s` the platform keeps.
std::string_view kept_part(const PlatformProfile& p, std::string_view s, std::size_t limit) {
    const auto n = p.count_characters ? detail::utf8_prefix_chars(s, limit)
                                      : detail::utf8_prefix_bytes(s, limit);
    return s.substr(0, n);
}

// The end of what is kept, so a person sees where the text stops.
std::string kept_tail(std::string_view kept) {
    constexpr std::size_t shown = 40;
    if (kept.size() <= shown)
        return quoted(kept);
    auto start = kept.size() - shown;
    while (start < kept.size() && (static_cast<unsigned char>(kept[start]) & 0xC0) == 0x80)
        ++start;  // not inside a character
    return quoted("\xE2\x80\xA6" + std::string(kept.substr(start)));
}

class Checker {
public:
    Checker(const PlatformProfile& p, std::uint32_t line) : p_(p), line_(line) {}

    void text_limit(std::string_view field, std::string_view value, std::size_t limit,
                    std::string_view what, std::string_view fix) {
        if (limit == 0 || length_of(p_, value) <= limit)
            return;
        const auto kept = kept_part(p_, value, limit);
        add(field, FindingSeverity::cut,
            std::string(p_.display_name) + " keeps only the first " + std::to_string(limit) + " " +
                length_word(p_) + " of the " + std::string(what) + " (this one has " +
                std::to_string(length_of(p_, value)) + "); it would end at " + kept_tail(kept) +
                ".",
            std::string(fix));
    }

    void part_id(std::string_view field, std::string_view value, std::size_t limit) {
        if (limit != 0 && length_of(p_, value) > limit) {
            add(field, FindingSeverity::refused,
                std::string(p_.display_name) + " accepts part numbers of up to " +
                    std::to_string(limit) + " " + length_word(p_) + "; " + quoted(value) + " has " +
                    std::to_string(length_of(p_, value)) + ".",
                "Give the product a shorter part number in the catalog for this buyer.");
        }
        for (const char c : value) {
            if (p_.part_id_forbidden.find(c) == std::string_view::npos)
                continue;
            add(field, FindingSeverity::refused,
                std::string(p_.display_name) + " refuses part numbers containing " +
                    quoted(std::string(1, c)) + " (" + quoted(value) + ").",
                "Use a part number without ? { or } for this product.");
            break;
        }
    }

    void unit(std::string_view value) {
        if (value.empty()) {
            add("UnitOfMeasure", FindingSeverity::refused,
                "The line has no unit of measure; " + std::string(p_.display_name) +
                    (p_.platform == Platform::coupa ? " drops the whole cart." : " refuses it."),
                "Give the product a UN/CEFACT unit code in the catalog.");
            return;
        }
        if (p_.unit_limit != 0 && length_of(p_, value) > p_.unit_limit) {
            add("UnitOfMeasure", FindingSeverity::changed,
                std::string(p_.display_name) + " takes units of up to " +
                    std::to_string(p_.unit_limit) + " characters; " + quoted(value) +
                    " would arrive as " + quoted(kept_part(p_, value, p_.unit_limit)) + ".",
                "Map the unit to the buyer's code (punchoutctl buyer set BUYER --unit-map " +
                    std::string(value) + "=CODE).");
            return;
        }
        for (std::size_t i = 0; i < p_.doubtful_units.size(); ++i) {
            if (value != p_.doubtful_units[i])
                continue;
            const auto instead = i < p_.doubtful_unit_instead.size()
                                     ? std::string(p_.doubtful_unit_instead[i])
                                     : std::string("CODE");
            add("UnitOfMeasure", FindingSeverity::changed,
                "Many " + std::string(p_.display_name) + " installations do not know the unit " +
                    quoted(value) + "; they expect " + quoted(instead) + ".",
                "If this buyer does not know it, map it: punchoutctl buyer set BUYER --unit-map " +
                    std::string(value) + "=" + instead + ".");
            return;
        }
        if (p_.known_units.empty() || p_.unknown_unit == UnknownUnit::kept)
            return;
        if (std::find(p_.known_units.begin(), p_.known_units.end(), value) != p_.known_units.end())
            return;
        if (p_.unknown_unit == UnknownUnit::refused) {
            add("UnitOfMeasure", FindingSeverity::refused,
                std::string(p_.display_name) +
                    " drops the whole cart when a unit is not set up "
                    "in it, and " +
                    quoted(value) + " is not a unit it has by default.",
                "Map the unit to one the buyer has set up (punchoutctl buyer set BUYER "
                "--unit-map " +
                    std::string(value) + "=CODE), or ask the buyer to enable it.");
        } else {
            add("UnitOfMeasure", FindingSeverity::changed,
                std::string(p_.display_name) + " replaces a unit it does not know with EA, so " +
                    quoted(value) + " would be ordered as each.",
                "Map the unit to one the buyer knows (punchoutctl buyer set BUYER --unit-map " +
                    std::string(value) + "=CODE).");
        }
    }

    void price(const Money& m) {
        if (p_.price_decimals < 0)
            return;
        const auto trimmed = m.amount.trimmed();
        if (trimmed.scale() <= p_.price_decimals)
            return;
        add("UnitPrice", FindingSeverity::changed,
            std::string(p_.display_name) + " keeps " + std::to_string(p_.price_decimals) +
                " decimals of a unit price; " + trimmed.to_string() + " would become " +
                trimmed.round(p_.price_decimals).to_string() + " and the totals would differ.",
            "Quote the price per a larger quantity (PriceBasisQuantity) or round it.");
    }

    void classification(const Classification& c) {
        if (!p_.unspsc_digits_only || !detail::iequals(c.domain, "UNSPSC"))
            return;
        const bool digits =
            c.value.size() == 8 && std::all_of(c.value.begin(), c.value.end(),
                                               [](char ch) { return ch >= '0' && ch <= '9'; });
        if (digits)
            return;
        add("Classification", FindingSeverity::changed,
            std::string(p_.display_name) +
                " needs a UNSPSC code of 8 digits without punctuation; " + quoted(c.value) +
                " leaves the line uncategorised.",
            "Write the product's UNSPSC code as 8 digits in the catalog.");
    }

    void line_text(const ItemIn& item) {
        if (p_.line_text_limit == 0)
            return;
        std::size_t total = item.comments ? length_of(p_, item.comments->text) : 0;
        for (const auto& e : item.detail.extrinsics)
            total += length_of(p_, e.value);
        for (const auto& e : item.extrinsics)
            total += length_of(p_, e.value);
        if (total <= p_.line_text_limit)
            return;
        add("Extrinsic", FindingSeverity::cut,
            std::string(p_.display_name) + " keeps " + std::to_string(p_.line_text_limit) + " " +
                length_word(p_) +
                " of comments and extrinsics together, comments first; this "
                "line has " +
                std::to_string(total) + ".",
            "Send fewer or shorter extrinsics for this buyer.");
    }

    std::vector<PlatformFinding> take() { return std::move(out_); }

private:
    void add(std::string_view field, FindingSeverity severity, std::string problem,
             std::string fix) {
        out_.push_back(PlatformFinding{line_, std::string(field), severity, std::move(problem),
                                       std::move(fix)});
    }

    const PlatformProfile& p_;
    std::uint32_t line_;
    std::vector<PlatformFinding> out_;
};

}  // namespace

std::string_view to_string(FindingSeverity severity) noexcept {
    switch (severity) {
        case FindingSeverity::cut:
            return "cut";
        case FindingSeverity::changed:
            return "changed";
        case FindingSeverity::refused:
            return "refused";
    }
    return "changed";
}

std::vector<PlatformFinding> check_item(const ItemIn& item, const PlatformProfile& p,
                                        std::uint32_t line) {
    Checker c(p, line);
    c.part_id("SupplierPartID", item.item_id.supplier_part_id, p.part_id_limit);
    c.part_id("SupplierPartAuxiliaryID", item.item_id.supplier_part_auxiliary_id, p.aux_id_limit);
    if (!item.detail.descriptions.empty()) {
        const auto& d = item.detail.descriptions.front();
        if (p.description_is_short_name && !d.short_name.empty()) {
            c.text_limit("ShortName", d.short_name, p.description_limit, "short description",
                         "Shorten the product's short name (the full text still goes along).");
        } else {
            c.text_limit(
                "Description", d.text, p.description_limit, "description",
                "Shorten the product's description, most important words first" +
                    std::string(p.description_is_short_name ? ", or give it a short name." : "."));
        }
        if (!p.description_is_short_name)
            c.text_limit("ShortName", d.short_name, p.short_name_limit, "short name",
                         "Shorten the product's short name.");
    }
    c.text_limit("ManufacturerPartID", item.detail.manufacturer_part_id, p.manufacturer_limit,
                 "manufacturer part number", "Shorten the manufacturer part number.");
    c.text_limit("ManufacturerName", item.detail.manufacturer_name, p.manufacturer_limit,
                 "manufacturer name", "Shorten the manufacturer name.");
    c.unit(item.detail.unit_of_measure);
    c.price(item.detail.unit_price);
    for (const auto& cl : item.detail.classifications)
        c.classification(cl);
    c.line_text(item);
    return c.take();
}

std::vector<PlatformFinding> check_cart(const PunchOutOrderMessage& cart,
                                        const PlatformProfile& profile) {
    std::vector<PlatformFinding> out;
    std::uint32_t position = 0;
    for (const auto& item : cart.items) {
        ++position;
        auto found = check_item(item, profile, item.line_number.value_or(position));
        out.insert(out.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
    }
    return out;
}

std::vector<PlatformFinding> check_transport(std::string_view document, CartEncoding encoding) {
    if (encoding != CartEncoding::urlencoded)
        return {};
    const auto bad = std::find_if(document.begin(), document.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (bad == document.end())
        return {};
    const auto offset = static_cast<std::size_t>(bad - document.begin());
    return {PlatformFinding{
        0, "cxml-urlencoded", FindingSeverity::refused,
        "A cxml-urlencoded cart must be us-ascii whatever its XML declaration says; the byte at "
        "offset " +
            std::to_string(offset) + " is not, and arrives garbled.",
        "Write non-ASCII characters as character references (&#233;) or send cxml-base64."}};
}

bool refuses(const std::vector<PlatformFinding>& findings) noexcept {
    return std::any_of(findings.begin(), findings.end(), [](const PlatformFinding& f) {
        return f.severity == FindingSeverity::refused;
    });
}

}  // namespace punchout::cxml
