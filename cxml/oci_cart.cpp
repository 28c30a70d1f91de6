#include "cxml/oci_cart.hpp"

#include "cxml/detail/text.hpp"

#include <cstddef>
#include <map>
#include <string_view>

namespace punchout::cxml {

namespace {

constexpr int quantity_places = 3;
constexpr int price_places = 3;
constexpr std::size_t number_length = 15;
constexpr std::size_t price_unit_length = 5;

// The OCI text fields after the numbers, in the order they are sent: name, length and
// where the value lives in an OciItem.
struct TextField {
    std::string_view name;
    std::size_t length;
    std::string OciItem::*member;
};

constexpr TextField text_fields[] = {
    {"MATNR", 40, &OciItem::matnr},
    {"LEADTIME", 5, &OciItem::leadtime},
    {"VENDOR", 10, &OciItem::vendor},
    {"VENDORMAT", 40, &OciItem::vendormat},
    {"MANUFACTCODE", 10, &OciItem::manufactcode},
    {"MANUFACTMAT", 40, &OciItem::manufactmat},
    {"MATGROUP", 10, &OciItem::matgroup},
    {"SERVICE", 1, &OciItem::service},
    {"CONTRACT", 10, &OciItem::contract},
    {"CONTRACT_ITEM", 5, &OciItem::contract_item},
    {"EXT_QUOTE_ID", 35, &OciItem::ext_quote_id},
    {"EXT_QUOTE_ITEM", 10, &OciItem::ext_quote_item},
    {"EXT_PRODUCT_ID", 40, &OciItem::ext_product_id},
    {"ATTACHMENT", 255, &OciItem::attachment},
    {"ATTACHMENT_TITLE", 255, &OciItem::attachment_title},
    {"ATTACHMENT_PURPOSE", 1, &OciItem::attachment_purpose},
    {"EXT_SCHEMA_TYPE", 10, &OciItem::ext_schema_type},
    {"EXT_CATEGORY_ID", 60, &OciItem::ext_category_id},
    {"EXT_CATEGORY", 40, &OciItem::ext_category},
    {"SLD_SYS_NAME", 60, &OciItem::sld_sys_name},
    {"PARENT_ID", 10, &OciItem::parent_id},
    {"ITEM_TYPE", 1, &OciItem::item_type},
};

constexpr std::size_t cust_field_length[5] = {10, 10, 10, 20, 50};

std::string field_name(std::string_view field, std::size_t n) {
    std::string s = "NEW_ITEM-";
    s.append(field);
    s.push_back('[');
    s += std::to_string(n);
    s.push_back(']');
    return s;
}

class Encoder {
public:
    Encoder(OciForm& form, const OciOptions& options) : form_(form), options_(options) {}

    void text(std::string_view field, std::size_t n, std::string_view value, std::size_t length,
              bool always) {
        if (value.empty() && !always)
            return;
        const std::size_t cut = options_.count_bytes ? detail::utf8_prefix_bytes(value, length)
                                                     : detail::utf8_prefix_chars(value, length);
        if (cut < value.size()) {
            form_.notes.push_back("item " + std::to_string(n) + ": " + std::string(field) +
                                  " cut to " + std::to_string(length) +
                                  (options_.count_bytes ? " bytes" : " characters"));
        }
        form_.fields.push_back(FormField{field_name(field, n), std::string(value.substr(0, cut))});
    }

    void number(std::string_view field, std::size_t n, const Decimal& value, std::size_t length) {
        std::string s = value.trimmed().to_string();
        if (s.size() > length) {
            // A number cannot be cut; send it whole and say so.
            form_.notes.push_back("item " + std::to_string(n) + ": " + std::string(field) + " " +
                                  s + " is longer than " + std::to_string(length) + " characters");
        }
        form_.fields.push_back(FormField{field_name(field, n), std::move(s)});
    }

private:
    OciForm& form_;
    const OciOptions& options_;
};

}  // namespace

OciForm encode_oci(const std::vector<OciItem>& items, const OciOptions& options) {
    OciForm form;
    Encoder enc(form, options);
    std::size_t n = 0;
    for (const OciItem& item : items) {
        ++n;
        enc.text("DESCRIPTION", n, item.description, 40, true);

        Decimal quantity = item.quantity.trimmed();
        if (quantity.scale() > quantity_places) {
            form.notes.push_back("item " + std::to_string(n) + ": QUANTITY " +
                                 quantity.to_string() + " rounded to " +
                                 std::to_string(quantity_places) + " decimals");
            quantity = quantity.round(quantity_places);
        }
        enc.number("QUANTITY", n, quantity, number_length);
        enc.text("UNIT", n, item.unit, 3, true);

        // PRICE is per PRICEUNIT: more than 3 decimals moves into a larger price unit
        // (0.0125 per 1 is sent as 0.125 per 10), as far as PRICEUNIT's 5 digits allow.
        Decimal price = item.price.trimmed();
        Decimal price_unit = item.price_unit.is_zero() ? Decimal(1) : item.price_unit.trimmed();
        while (price.scale() > price_places) {
            const Decimal bigger = price_unit * Decimal(10);
            if (bigger.trimmed().to_string().size() > price_unit_length)
                break;
            price = (price * Decimal(10)).trimmed();
            price_unit = bigger.trimmed();
        }
        if (price.scale() > price_places) {
            form.notes.push_back("item " + std::to_string(n) + ": PRICE " + price.to_string() +
                                 " rounded to " + std::to_string(price_places) + " decimals");
            price = price.round(price_places);
        }
        enc.number("PRICE", n, price, number_length);
        enc.number("PRICEUNIT", n, price_unit, price_unit_length);
        enc.text("CURRENCY", n, item.currency, 5, true);

        for (const auto& f : text_fields)
            enc.text(f.name, n, item.*(f.member), f.length, false);
        for (std::size_t k = 0; k < 5; ++k) {
            const std::string name = "CUST_FIELD" + std::to_string(k + 1);
            enc.text(name, n, item.cust_field[k], cust_field_length[k], false);
        }
        if (!item.longtext.empty()) {
            form.fields.push_back(
                FormField{"NEW_ITEM-LONGTEXT_" + std::to_string(n) + ":132[]", item.longtext});
        }
    }
    return form;
}

OciCart decode_oci(const std::vector<FormField>& fields) {
    OciCart cart;
    std::map<std::size_t, OciItem> items;
    auto parse_index = [](std::string_view digits, std::size_t& n) {
        if (digits.empty() || digits.size() > 6)
            return false;
        n = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return false;
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        return n > 0;
    };
    for (const FormField& f : fields) {
        std::string_view name = f.name;
        if (name.substr(0, 9) != "NEW_ITEM-") {
            cart.notes.push_back("field " + f.name + " is not an OCI item field");
            continue;
        }
        name.remove_prefix(9);
        std::size_t n = 0;
        if (name.substr(0, 9) == "LONGTEXT_") {
            const std::size_t colon = name.find(':');
            if (colon == std::string_view::npos || !parse_index(name.substr(9, colon - 9), n)) {
                cart.notes.push_back("field " + f.name + " has no item number");
                continue;
            }
            items[n].longtext += f.value;
            continue;
        }
        const std::size_t open = name.find('[');
        if (open == std::string_view::npos || name.back() != ']' ||
            !parse_index(name.substr(open + 1, name.size() - open - 2), n)) {
            cart.notes.push_back("field " + f.name + " has no item number");
            continue;
        }
        const std::string_view field = name.substr(0, open);
        auto number = [&](Decimal& target) {
            if (auto d = Decimal::parse(f.value)) {
                target = *d;
            } else if (!f.value.empty()) {
                cart.notes.push_back("field " + f.name + " value '" + f.value +
                                     "' is not a number");
            }
        };
        std::string OciItem::*text = nullptr;
        for (const auto& t : text_fields) {
            if (t.name == field)
                text = t.member;
        }
        const bool cust = field.substr(0, 10) == "CUST_FIELD" && field.size() == 11 &&
                          field[10] >= '1' && field[10] <= '5';
        const bool known = text != nullptr || cust || field == "DESCRIPTION" ||
                           field == "QUANTITY" || field == "UNIT" || field == "PRICE" ||
                           field == "PRICEUNIT" || field == "CURRENCY";
        if (!known) {
            cart.notes.push_back("field " + f.name + " is not an OCI field");
            continue;
        }
        OciItem& item = items[n];
        if (text != nullptr)
            item.*text = f.value;
        else if (cust)
            item.cust_field[static_cast<std::size_t>(field[10] - '1')] = f.value;
        else if (field == "DESCRIPTION")
            item.description = f.value;
        else if (field == "QUANTITY")
            number(item.quantity);
        else if (field == "UNIT")
            item.unit = f.value;
        else if (field == "PRICE")
            number(item.price);
        else if (field == "CURRENCY")
            item.currency = f.value;
        else if (f.value.empty())
            item.price_unit = Decimal(1);  // OCI: an empty PRICEUNIT is 1
        else
            number(item.price_unit);
    }
    for (auto& [n, item] : items)
        cart.items.push_back(std::move(item));
    return cart;
}

OciItem oci_item_from(const ItemIn& in) {
    OciItem o;
    const ItemDetail& d = in.detail;
    if (!d.descriptions.empty()) {
        const Description& desc = d.descriptions.front();
        o.description = desc.short_name.empty() ? desc.text : desc.short_name;
        o.longtext = desc.text;
    }
    o.quantity = in.quantity;
    o.unit = d.unit_of_measure;
    o.price = d.unit_price.amount;
    o.currency = d.unit_price.currency;
    if (d.price_basis_quantity && !d.price_basis_quantity->quantity.is_zero()) {
        o.price_unit = d.price_basis_quantity->quantity;
    }
    o.leadtime = d.lead_time;
    o.vendormat = in.item_id.supplier_part_id;
    o.ext_product_id = in.item_id.supplier_part_auxiliary_id.empty()
                           ? in.item_id.supplier_part_id
                           : in.item_id.supplier_part_auxiliary_id;
    o.manufactmat = d.manufacturer_part_id;
    if (!d.classifications.empty()) {
        const Classification& c = d.classifications.front();
        o.matgroup = c.value;
        o.ext_category_id = c.value;
        o.ext_schema_type = c.domain;
    }
    return o;
}

}  // namespace punchout::cxml
