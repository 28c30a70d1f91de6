// The SAP OCI 4.0/5.0 outbound cart: field names, lengths, numbers, round trip.
#include "cxml/oci_cart.hpp"
#include "tests/cxml/builders.hpp"

#include <map>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using namespace punchout::cxml::test;

namespace {

std::map<std::string, std::string> by_name(const OciForm& form) {
    std::map<std::string, std::string> m;
    for (const auto& f : form.fields)
        m[f.name] = f.value;
    return m;
}

OciItem pen() {
    OciItem i;
    i.description = "Ballpoint pen blue";
    i.quantity = dec("3");
    i.unit = "PK";
    i.price = dec("12.50");
    i.currency = "EUR";
    i.leadtime = "3";
    i.vendormat = "PEN-BLUE";
    i.manufactmat = "KB-10-B";
    i.matgroup = "44121704";
    i.ext_product_id = "cart:42:1";
    i.ext_schema_type = "UNSPSC";
    i.ext_category_id = "44121704";
    i.cust_field = {"A", "B", "C", "D", "E"};
    i.longtext = std::string(300, 'x');
    return i;
}

}  // namespace

TEST_CASE("OCI: NEW_ITEM-<FIELD>[n] names from 1, dot decimals", "[oci]") {
    OciItem second = pen();
    second.description = "Notepad A5";
    second.quantity = dec("2.500");
    second.price = dec("1234.5");
    second.service = "X";
    const OciForm form = encode_oci({pen(), second});
    CHECK(form.notes.empty());
    const auto f = by_name(form);
    CHECK(f.at("NEW_ITEM-DESCRIPTION[1]") == "Ballpoint pen blue");
    CHECK(f.at("NEW_ITEM-DESCRIPTION[2]") == "Notepad A5");
    CHECK(f.at("NEW_ITEM-QUANTITY[1]") == "3");
    CHECK(f.at("NEW_ITEM-QUANTITY[2]") == "2.5");
    CHECK(f.at("NEW_ITEM-PRICE[1]") == "12.5");
    CHECK(f.at("NEW_ITEM-PRICE[2]") == "1234.5");
    CHECK(f.at("NEW_ITEM-PRICEUNIT[1]") == "1");
    CHECK(f.at("NEW_ITEM-CURRENCY[1]") == "EUR");
    CHECK(f.at("NEW_ITEM-UNIT[1]") == "PK");
    CHECK(f.at("NEW_ITEM-VENDORMAT[1]") == "PEN-BLUE");
    CHECK(f.at("NEW_ITEM-CUST_FIELD5[1]") == "E");
    CHECK(f.at("NEW_ITEM-SERVICE[2]") == "X");
    CHECK(f.count("NEW_ITEM-SERVICE[1]") == 0);  // empty optional fields are left out
    CHECK(f.count("NEW_ITEM-MATNR[1]") == 0);
    CHECK(form.fields.front().name == "NEW_ITEM-DESCRIPTION[1]");
}

TEST_CASE("OCI: long text uses the NEW_ITEM-LONGTEXT_n:132[] form", "[oci]") {
    const auto f = by_name(encode_oci({pen(), pen()}));
    CHECK(f.at("NEW_ITEM-LONGTEXT_1:132[]") == std::string(300, 'x'));
    CHECK(f.count("NEW_ITEM-LONGTEXT_2:132[]") == 1);
    CHECK(f.count("NEW_ITEM-LONGTEXT[1]") == 0);
}

TEST_CASE("OCI: every field is cut to its OCI length", "[oci]") {
    OciItem i = pen();
    i.description = std::string(60, 'd');
    i.unit = "PACK";
    i.currency = "EURO12";
    i.vendormat = std::string(50, 'v');
    i.matgroup = std::string(12, 'm');
    i.vendor = std::string(11, 'n');
    i.manufactcode = std::string(11, 'c');
    i.ext_schema_type = std::string(11, 's');
    i.ext_category_id = std::string(70, 'e');
    i.leadtime = "123456";
    i.cust_field = {std::string(11, '1'), std::string(11, '2'), std::string(11, '3'),
                    std::string(21, '4'), std::string(51, '5')};
    const OciForm form = encode_oci({i});
    const auto f = by_name(form);
    CHECK(f.at("NEW_ITEM-DESCRIPTION[1]").size() == 40);
    CHECK(f.at("NEW_ITEM-UNIT[1]") == "PAC");
    CHECK(f.at("NEW_ITEM-CURRENCY[1]") == "EURO1");
    CHECK(f.at("NEW_ITEM-VENDORMAT[1]").size() == 40);
    CHECK(f.at("NEW_ITEM-MATGROUP[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-VENDOR[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-MANUFACTCODE[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-EXT_SCHEMA_TYPE[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-EXT_CATEGORY_ID[1]").size() == 60);
    CHECK(f.at("NEW_ITEM-LEADTIME[1]") == "12345");
    CHECK(f.at("NEW_ITEM-CUST_FIELD1[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-CUST_FIELD3[1]").size() == 10);
    CHECK(f.at("NEW_ITEM-CUST_FIELD4[1]").size() == 20);
    CHECK(f.at("NEW_ITEM-CUST_FIELD5[1]").size() == 50);
    CHECK(form.notes.size() == 15);
    CHECK(form.notes.front() == "item 1: DESCRIPTION cut to 40 characters");
}

TEST_CASE("OCI: text is cut at a UTF-8 character boundary, never mid-character", "[oci]") {
    OciItem i = pen();
    // 39 ASCII characters, then two 2-byte characters: the 40th character is whole.
    i.description = std::string(39, 'a') + "\xC3\xA9\xC3\xA9";
    i.unit = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xA6x";  // é € 📦 x
    const auto chars = by_name(encode_oci({i}));
    CHECK(chars.at("NEW_ITEM-DESCRIPTION[1]") == std::string(39, 'a') + "\xC3\xA9");
    CHECK(chars.at("NEW_ITEM-UNIT[1]") == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xA6");

    OciOptions bytes;
    bytes.count_bytes = true;
    const OciForm form = encode_oci({i}, bytes);
    const auto b = by_name(form);
    // 40 bytes would split the first é: the cut steps back to 39.
    CHECK(b.at("NEW_ITEM-DESCRIPTION[1]") == std::string(39, 'a'));
    CHECK(b.at("NEW_ITEM-UNIT[1]") == "\xC3\xA9");  // 3 bytes would split the €
    CHECK(form.notes.at(0) == "item 1: DESCRIPTION cut to 40 bytes");
}

TEST_CASE("OCI: PRICE is per PRICEUNIT, extra precision moves into the price unit", "[oci]") {
    OciItem i = pen();
    i.price = dec("0.0125");
    const OciForm form = encode_oci({i});
    const auto f = by_name(form);
    CHECK(f.at("NEW_ITEM-PRICE[1]") == "0.125");
    CHECK(f.at("NEW_ITEM-PRICEUNIT[1]") == "10");
    CHECK(form.notes.empty());

    OciItem per_hundred = pen();
    per_hundred.price = dec("4.50");
    per_hundred.price_unit = dec("100");
    const auto g = by_name(encode_oci({per_hundred}));
    CHECK(g.at("NEW_ITEM-PRICE[1]") == "4.5");
    CHECK(g.at("NEW_ITEM-PRICEUNIT[1]") == "100");

    OciItem tiny = pen();
    tiny.price = dec("0.0000001234");
    const OciForm t = encode_oci({tiny});
    CHECK(by_name(t).at("NEW_ITEM-PRICEUNIT[1]") == "10000");
    CHECK(by_name(t).at("NEW_ITEM-PRICE[1]") == "0.001");
    CHECK(t.notes.at(0).find("PRICE 0.001234 rounded to 3 decimals") != std::string::npos);

    OciItem fine_quantity = pen();
    fine_quantity.quantity = dec("1.23456");
    const OciForm q = encode_oci({fine_quantity});
    CHECK(by_name(q).at("NEW_ITEM-QUANTITY[1]") == "1.235");
    CHECK(q.notes.at(0) == "item 1: QUANTITY 1.23456 rounded to 3 decimals");
}

TEST_CASE("OCI: decode(encode(cart)) gives the cart back", "[oci]") {
    OciItem a = pen();
    a.quantity = dec("2.5");
    a.price = dec("4.5");
    a.price_unit = dec("100");
    OciItem b = pen();
    b.description = "Umlaut Ä ö ü ß";
    b.longtext = "Line one\nLine two";
    b.parent_id = "1";
    b.item_type = "R";
    b.attachment = "https://shop.example/p.pdf";
    const OciCart cart = decode_oci(encode_oci({a, b}).fields);
    CHECK(cart.notes.empty());
    REQUIRE(cart.items.size() == 2);
    CHECK(cart.items[0] == a);
    CHECK(cart.items[1] == b);
}

TEST_CASE("OCI: decoding joins LONGTEXT parts and reports what it cannot read", "[oci]") {
    const std::vector<FormField> fields = {
        {"NEW_ITEM-DESCRIPTION[2]", "Second"},
        {"NEW_ITEM-QUANTITY[2]", "4"},
        {"NEW_ITEM-PRICEUNIT[2]", ""},
        {"NEW_ITEM-LONGTEXT_2:132[]", "first part "},
        {"NEW_ITEM-LONGTEXT_2:132[]", "second part"},
        {"NEW_ITEM-DESCRIPTION[1]", "First"},
        {"NEW_ITEM-PRICE[1]", "12,50"},
        {"NEW_ITEM-FOO[1]", "x"},
        {"NEW_ITEM-DESCRIPTION[x]", "bad index"},
        {"~OkCode", "ADDI"},
    };
    const OciCart cart = decode_oci(fields);
    REQUIRE(cart.items.size() == 2);
    CHECK(cart.items[0].description == "First");
    CHECK(cart.items[1].longtext == "first part second part");
    CHECK(cart.items[1].price_unit == Decimal(1));
    CHECK(cart.items[1].quantity == Decimal(4));
    REQUIRE(cart.notes.size() == 4);
    CHECK(cart.notes[0] == "field NEW_ITEM-PRICE[1] value '12,50' is not a number");
    CHECK(cart.notes[1] == "field NEW_ITEM-FOO[1] is not an OCI field");
    CHECK(cart.notes[2] == "field NEW_ITEM-DESCRIPTION[x] has no item number");
    CHECK(cart.notes[3] == "field ~OkCode is not an OCI item field");
}

TEST_CASE("OCI: a cXML cart line maps onto OCI fields", "[oci]") {
    ItemIn in = item_in(4);
    in.detail.price_basis_quantity = PriceBasisQuantity{dec("10"), dec("0.1"), "EA", {}};
    const OciItem o = oci_item_from(in);
    CHECK(o.description == "Item 4");
    CHECK(o.longtext == in.detail.descriptions[0].text);
    CHECK(o.quantity == in.quantity);
    CHECK(o.unit == "BX");
    CHECK(o.price == in.detail.unit_price.amount);
    CHECK(o.price_unit == Decimal(10));
    CHECK(o.currency == "EUR");
    CHECK(o.vendormat == "PEN-4");
    CHECK(o.ext_product_id == "cart:42:4");
    CHECK(o.manufactmat == "MP-4");
    CHECK(o.matgroup == "44121704");
    CHECK(o.ext_schema_type == "UNSPSC");
    CHECK(o.leadtime == "3");
}
