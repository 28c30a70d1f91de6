#include "cxml/detail/reader.hpp"

#include "cxml/detail/names.hpp"
#include "cxml/detail/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace punchout::cxml::detail {

namespace {

constexpr std::size_t max_deviations = 200;

// Body elements the cXML 1.2.071 DTD modules define (cXML, Fulfill, InvoiceDetail, Catalog,
// Contract, Logistics, PaymentRemittance, Private, Quote). A body element in this list that
// we do not model reads as `Unsupported`; anything else is an unknown element.
constexpr std::array<std::string_view, 70> known_requests{"ApprovalRequest",
                                                          "AuthRequest",
                                                          "BlanketOrderStatusUpdateRequest",
                                                          "CatalogChangeRequest",
                                                          "CatalogUploadRequest",
                                                          "ChargeFileRequest",
                                                          "CollaborationRequest",
                                                          "ComponentConsumptionRequest",
                                                          "ConfirmationRequest",
                                                          "ContentRequest",
                                                          "ContractRequest",
                                                          "ContractStatusUpdateRequest",
                                                          "CopyRequest",
                                                          "DataRequest",
                                                          "DataSyncChangeListRequest",
                                                          "DataSyncDataRequest",
                                                          "GetPendingRequest",
                                                          "InvoiceDetailRequest",
                                                          "InvoiceRequest",
                                                          "L3ChargeFileRequest",
                                                          "MapSyncRequest",
                                                          "MasterAgreementRequest",
                                                          "NotificationRequest",
                                                          "OrderRequest",
                                                          "OrderStatusDataRequest",
                                                          "OrderStatusRequest",
                                                          "OrderStatusSetupRequest",
                                                          "OrganizationDataRequest",
                                                          "PaymentBatchRequest",
                                                          "PaymentProposalRequest",
                                                          "PaymentReceiptConfirmationRequest",
                                                          "PaymentRemittanceRequest",
                                                          "PaymentRemittanceStatusUpdateRequest",
                                                          "PriceAvailabilityRequest",
                                                          "PrivateOrganizationRequest",
                                                          "ProfileRequest",
                                                          "ProofOfServiceRequest",
                                                          "ProviderDataRequest",
                                                          "ProviderSetupRequest",
                                                          "PunchOutSetupRequest",
                                                          "PurchaseRequisitionRequest",
                                                          "QualityInspectionDecisionRequest",
                                                          "QualityInspectionRequest",
                                                          "QualityInspectionResultRequest",
                                                          "QualityNotificationRequest",
                                                          "QuoteRequest",
                                                          "RFxEventRequest",
                                                          "RFxPublishRequest",
                                                          "ReceiptRequest",
                                                          "RelationshipRequest",
                                                          "S4DataPushRequest",
                                                          "SalesOrderRequest",
                                                          "SearchRequest",
                                                          "ServiceEntryRequest",
                                                          "SessionStatusRequest",
                                                          "ShipNoticeRequest",
                                                          "SourcingUpdateRequest",
                                                          "StatusUpdateRequest",
                                                          "SubscriptionContentRequest",
                                                          "SubscriptionListRequest",
                                                          "SubscriptionStatusUpdateRequest",
                                                          "SupplierDataRequest",
                                                          "SupplierListRequest",
                                                          "TimeCardInfoRequest",
                                                          "TimeCardRequest",
                                                          "TradeRequest",
                                                          "TransportConfirmation",
                                                          "TransportRequest",
                                                          "UpdateMigratedSupplierRequest",
                                                          "DataPushRequest"};

constexpr std::array<std::string_view, 11> known_messages{"DataAvailableMessage",
                                                          "OrderStatusDoneMessage",
                                                          "OrganizationChangeMessage",
                                                          "ProductActivityMessage",
                                                          "ProductReplenishmentMessage",
                                                          "ProviderDoneMessage",
                                                          "PunchOutOrderMessage",
                                                          "QuoteDataMessage",
                                                          "QuoteMessage",
                                                          "SubscriptionChangeMessage",
                                                          "SupplierChangeMessage"};

constexpr std::array<std::string_view, 23> known_responses{"AuthResponse",
                                                           "ContentResponse",
                                                           "DataPushResponse",
                                                           "DataResponse",
                                                           "DataSyncChangeListResponse",
                                                           "DataSyncDataResponse",
                                                           "GetPendingResponse",
                                                           "OrderStatusSetupResponse",
                                                           "OrganizationDataResponse",
                                                           "PriceAvailabilityResponse",
                                                           "PrivateOrganizationResponse",
                                                           "ProfileResponse",
                                                           "ProviderDataResponse",
                                                           "ProviderSetupResponse",
                                                           "PunchOutSetupResponse",
                                                           "RelationshipResponse",
                                                           "S4DataPushResponse",
                                                           "SearchResponse",
                                                           "SessionStatusResponse",
                                                           "SubscriptionContentResponse",
                                                           "SubscriptionListResponse",
                                                           "SupplierDataResponse",
                                                           "SupplierListResponse"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

std::string quoted(std::string_view s) {
    std::string out = "'";
    // Long values are cut in messages; the location says where to look.
    if (s.size() > 60) {
        out.append(s.substr(0, 57));
        out.append("...");
    } else {
        out.append(s);
    }
    out.push_back('\'');
    return out;
}

std::string element_ref(pugi::xml_node node) {
    return "<" + std::string(node.name()) + ">";
}

// ISO 8601 starts with the year: `2026-11-23...`.
bool is_iso_date(std::string_view s) {
    s = trim(s);
    return s.size() >= 10 && s[4] == '-' && s[7] == '-' && s[0] >= '0' && s[0] <= '9';
}

bool is_text(pugi::xml_node n) {
    return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

}  // namespace

Reader::Reader(std::string_view input, std::size_t base, std::vector<Deviation>& deviations)
    : input_(input), base_(base), deviations_(deviations) {}

void Reader::fail(ParseErrorKind kind, unsigned status, pugi::xml_node at, std::string message,
                  std::string element) {
    if (error_)
        return;
    ParseError e;
    e.kind = kind;
    e.status = status;
    e.message = std::move(message);
    e.element = std::move(element);
    e.where = locate(at);
    error_ = std::move(e);
}

void Reader::deviate(pugi::xml_node at, std::string message) {
    if (deviations_.size() >= max_deviations) {
        ++dropped_deviations_;
        return;
    }
    deviations_.push_back(Deviation{std::move(message), locate(at)});
}

void Reader::finish() {
    if (dropped_deviations_ > 0) {
        deviations_.push_back(Deviation{
            "and " + std::to_string(dropped_deviations_) + " more deviations not listed", {}});
        dropped_deviations_ = 0;
    }
}

Location Reader::locate_offset(std::size_t offset) const {
    if (line_starts_.empty()) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < input_.size(); ++i) {
            if (input_[i] == '\n')
                line_starts_.push_back(i + 1);
        }
    }
    Location loc;
    loc.offset = offset;
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    loc.line = static_cast<std::size_t>(it - line_starts_.begin());
    loc.column = offset - *(it - 1) + 1;
    return loc;
}

Location Reader::locate(pugi::xml_node node) const {
    Location loc;
    if (!node)
        return loc;
    if (node.type() == pugi::node_element) {
        const std::ptrdiff_t off = node.offset_debug();
        // offset_debug points at the name; the tag starts one byte earlier.
        if (off > 0)
            loc = locate_offset(base_ + static_cast<std::size_t>(off) - 1);
    }
    std::vector<std::string> parts;
    for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
        std::string part = n.name();
        std::size_t index = 0;
        std::size_t count = 0;
        const pugi::xml_node parent = n.parent();
        if (parent) {
            for (pugi::xml_node s = parent.child(n.name()); s; s = s.next_sibling(n.name())) {
                ++count;
                if (s == n)
                    index = count;
            }
        }
        if (count > 1)
            part += "[" + std::to_string(index) + "]";
        parts.push_back(std::move(part));
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        if (!loc.path.empty())
            loc.path.push_back('/');
        loc.path += *it;
    }
    return loc;
}

// --- primitives ---

std::string Reader::text(pugi::xml_node node) const {
    pugi::xml_node c = node.first_child();
    if (!c)
        return {};
    if (!c.next_sibling() && is_text(c))
        return std::string(trim(c.value()));
    std::string s;
    for (; c; c = c.next_sibling()) {
        if (is_text(c))
            s += c.value();
    }
    return std::string(trim(s));
}

std::string Reader::deep_text(pugi::xml_node node) const {
    std::string s;
    // Iterative walk: ANY content may nest, and depth was already limited.
    pugi::xml_node n = node.first_child();
    while (n && n != node) {
        if (is_text(n))
            s += n.value();
        if (n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != node && !n.next_sibling())
            n = n.parent();
        if (n && n != node)
            n = n.next_sibling();
    }
    return std::string(trim(s));
}

std::string Reader::attr(pugi::xml_node node, const char* name) {
    const pugi::xml_attribute a = node.attribute(name);
    if (!a)
        return {};
    return std::string(trim(a.value()));
}

bool Reader::has_attr(pugi::xml_node node, const char* name) {
    return static_cast<bool>(node.attribute(name));
}

std::optional<Decimal> Reader::decimal_value(pugi::xml_node at, std::string_view value,
                                             std::string_view what) {
    auto d = Decimal::parse(value);
    if (!d) {
        fail(ParseErrorKind::invalid_value, 400, at,
             std::string(what) + " " + quoted(value) + " of " + element_ref(at) +
                 " is not a decimal number (digits with an optional '.')");
    }
    return d;
}

Decimal Reader::required_decimal(pugi::xml_node node, const char* name) {
    if (!has_attr(node, name)) {
        fail(ParseErrorKind::invalid_structure, 400, node,
             element_ref(node) + " has no " + name + " attribute");
        return {};
    }
    return decimal_value(node, attr(node, name), name).value_or(Decimal{});
}

std::optional<Decimal> Reader::optional_decimal(pugi::xml_node node, const char* name) {
    if (!has_attr(node, name))
        return std::nullopt;
    const std::string v = attr(node, name);
    if (v.empty()) {
        deviate(node, std::string("empty ") + name + " on " + element_ref(node) + " ignored");
        return std::nullopt;
    }
    return decimal_value(node, v, name);
}

std::optional<std::uint32_t> Reader::optional_uint(pugi::xml_node node, const char* name) {
    if (!has_attr(node, name))
        return std::nullopt;
    const std::string v = attr(node, name);
    if (v.empty()) {
        deviate(node, std::string("empty ") + name + " on " + element_ref(node) + " ignored");
        return std::nullopt;
    }
    std::uint64_t n = 0;
    bool ok = v.size() <= 10;
    for (char c : v) {
        if (c < '0' || c > '9')
            ok = false;
        else
            n = n * 10 + static_cast<unsigned>(c - '0');
    }
    if (!ok || n > 0xFFFFFFFFULL) {
        fail(ParseErrorKind::invalid_value, 400, node,
             std::string(name) + " " + quoted(v) + " of " + element_ref(node) +
                 " is not an unsigned integer");
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(n);
}

std::uint32_t Reader::required_uint(pugi::xml_node node, const char* name) {
    if (!has_attr(node, name)) {
        fail(ParseErrorKind::invalid_structure, 400, node,
             element_ref(node) + " has no " + name + " attribute");
        return 0;
    }
    return optional_uint(node, name).value_or(0);
}

std::optional<DateTime> Reader::optional_date(pugi::xml_node node, const char* name) {
    if (!has_attr(node, name))
        return std::nullopt;
    DateTime d = DateTime::parse(attr(node, name));
    if (!d.valid()) {
        deviate(node, std::string(name) + " " + quoted(d.text) + " of " + element_ref(node) +
                          " is not a date we understand; kept as text");
    } else if (!d.time->zone_given() && d.text.find(':') != std::string::npos) {
        // A date alone (%date attributes) needs no zone; a time of day does.
        deviate(node, std::string(name) + " " + quoted(d.text) + " of " + element_ref(node) +
                          " has no time zone; read as UTC");
    } else if (!is_iso_date(d.text)) {
        deviate(node, std::string(name) + " " + quoted(d.text) + " of " + element_ref(node) +
                          " is not ISO 8601; read as " + d.time->format());
    }
    return d;
}

DateTime Reader::required_date(pugi::xml_node node, const char* name) {
    auto d = optional_date(node, name);
    if (!d) {
        deviate(node, element_ref(node) + " has no " + name + " attribute");
        return {};
    }
    return std::move(*d);
}

bool Reader::yes_attr(pugi::xml_node node, const char* name) const {
    return iequals(attr(node, name), "yes");
}

template <class E, std::size_t N>
E Reader::enum_attr(pugi::xml_node node, const char* name,
                    const std::array<std::pair<E, std::string_view>, N>& table, E fallback,
                    bool required) {
    if (!has_attr(node, name)) {
        if (required) {
            fail(ParseErrorKind::invalid_structure, 400, node,
                 element_ref(node) + " has no " + name + " attribute (" + names_list(table) + ")");
        }
        return fallback;
    }
    const std::string v = attr(node, name);
    if (auto e = value_of(table, v))
        return *e;
    fail(ParseErrorKind::invalid_value, 400, node,
         std::string(name) + " " + quoted(v) + " of " + element_ref(node) + " is not one of " +
             names_list(table));
    return fallback;
}

template <class F>
void Reader::each_child(pugi::xml_node parent, std::initializer_list<std::string_view> order,
                        F&& f) {
    std::ptrdiff_t last = -1;
    std::string_view last_name;
    bool order_reported = false;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        const std::string_view name = c.name();
        const auto it = std::find(order.begin(), order.end(), name);
        if (it == order.end()) {
            deviate(c, "unknown element <" + std::string(name) + "> in " + element_ref(parent) +
                           " ignored");
            continue;
        }
        const std::ptrdiff_t index = it - order.begin();
        if (index < last && !order_reported) {
            deviate(c, "<" + std::string(name) + "> comes after <" + std::string(last_name) +
                           "> in " + element_ref(parent) + "; the DTD puts it before");
            order_reported = true;
        }
        if (index > last) {
            last = index;
            last_name = name;
        }
        f(name, c);
    }
}

bool Reader::require(pugi::xml_node parent, pugi::xml_node child, std::string_view name) {
    if (child)
        return true;
    fail(ParseErrorKind::invalid_structure, 400, parent,
         element_ref(parent) + " has no <" + std::string(name) + ">", std::string(name));
    return false;
}

Money Reader::money(pugi::xml_node node) {
    Money m;
    m.currency = attr(node, "currency");
    if (m.currency.empty())
        deviate(node, "<Money> has no currency");
    const std::string amount = text(node);
    if (amount.empty()) {
        deviate(node, "empty <Money> read as 0");
    } else if (auto d = decimal_value(node, amount, "amount")) {
        m.amount = *d;
    }
    m.alternate_amount = optional_decimal(node, "alternateAmount");
    m.alternate_currency = attr(node, "alternateCurrency");
    return m;
}

Money Reader::money_in(pugi::xml_node wrapper) {
    const pugi::xml_node m = wrapper.child("Money");
    if (!require(wrapper, m, "Money"))
        return {};
    return money(m);
}

// --- shared elements ---

Extrinsic Reader::extrinsic(pugi::xml_node node) {
    Extrinsic e;
    e.name = attr(node, "name");
    if (!has_attr(node, "name"))
        deviate(node, "<Extrinsic> has no name");
    e.value = deep_text(node);
    return e;
}

Description Reader::description(pugi::xml_node node) {
    Description d;
    d.lang = attr(node, "xml:lang");
    d.type = attr(node, "type");
    std::string body;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (is_text(c)) {
            body += c.value();
        } else if (c.type() == pugi::node_element) {
            if (std::strcmp(c.name(), "ShortName") == 0) {
                d.short_name = text(c);
            } else {
                deviate(c, "unknown element " + element_ref(c) + " in <Description> ignored");
            }
        }
    }
    d.text = std::string(trim(body));
    return d;
}

Comments Reader::comments(pugi::xml_node node) {
    Comments c;
    c.lang = attr(node, "xml:lang");
    c.type = attr(node, "type");
    std::string body;
    for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling()) {
        if (is_text(n)) {
            body += n.value();
        } else if (n.type() == pugi::node_element) {
            if (std::strcmp(n.name(), "Attachment") == 0) {
                c.attachment_urls.push_back(text(n.child("URL")));
            } else {
                deviate(n, "unknown element " + element_ref(n) + " in <Comments> ignored");
            }
        }
    }
    c.text = std::string(trim(body));
    return c;
}

Phone Reader::phone(pugi::xml_node node) {
    Phone p;
    p.name = attr(node, "name");
    const pugi::xml_node tn = node.child("TelephoneNumber");
    if (!tn) {
        // Fax may hold a URL or Email instead; those are not modelled.
        if (std::strcmp(node.name(), "Phone") == 0)
            require(node, tn, "TelephoneNumber");
        return p;
    }
    each_child(tn, {"CountryCode", "AreaOrCityCode", "Number", "Extension"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "CountryCode") {
                       p.country_code = text(c);
                       p.iso_country_code = attr(c, "isoCountryCode");
                   } else if (name == "AreaOrCityCode") {
                       p.area_or_city_code = text(c);
                   } else if (name == "Number") {
                       p.number = text(c);
                   } else if (name == "Extension") {
                       p.extension = text(c);
                   }
               });
    return p;
}

PostalAddress Reader::postal_address(pugi::xml_node node) {
    PostalAddress a;
    a.name = attr(node, "name");
    each_child(node,
               {"DeliverTo", "Street", "City", "Municipality", "State", "PostalCode", "Country",
                "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "DeliverTo") {
                       a.deliver_to.push_back(text(c));
                   } else if (name == "Street") {
                       a.street.push_back(text(c));
                   } else if (name == "City") {
                       a.city = text(c);
                   } else if (name == "Municipality") {
                       a.municipality = text(c);
                   } else if (name == "State") {
                       a.state = text(c);
                       a.iso_state_code = attr(c, "isoStateCode");
                   } else if (name == "PostalCode") {
                       a.postal_code = text(c);
                   } else if (name == "Country") {
                       a.country = text(c);
                       a.iso_country_code = attr(c, "isoCountryCode");
                   } else if (name == "Extrinsic") {
                       a.extrinsics.push_back(extrinsic(c));
                   }
               });
    return a;
}

Address Reader::address(pugi::xml_node node) {
    Address a;
    a.iso_country_code = attr(node, "isoCountryCode");
    a.address_id = attr(node, "addressID");
    a.address_id_domain = attr(node, "addressIDDomain");
    each_child(node, {"Name", "PostalAddress", "Email", "Phone", "Fax", "URL"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "Name") {
                       a.name = text(c);
                       a.name_lang = attr(c, "xml:lang");
                   } else if (name == "PostalAddress") {
                       a.postal_address = postal_address(c);
                   } else if (name == "Email") {
                       a.email = text(c);
                   } else if (name == "Phone") {
                       a.phone = phone(c);
                   } else if (name == "Fax") {
                       if (c.child("TelephoneNumber"))
                           a.fax = phone(c);
                   } else if (name == "URL") {
                       a.url = text(c);
                   }
               });
    return a;
}

ShipTo Reader::ship_to(pugi::xml_node node) {
    ShipTo s;
    each_child(node, {"Address", "CarrierIdentifier", "TransportInformation", "IdReference"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "Address") {
                       s.address = address(c);
                   } else if (name == "CarrierIdentifier") {
                       s.carriers.push_back(CarrierIdentifier{attr(c, "domain"), text(c)});
                   }
               });
    return s;
}

Address Reader::bill_to(pugi::xml_node node) {
    Address a;
    each_child(node, {"Address", "IdReference"}, [&](std::string_view name, pugi::xml_node c) {
        if (name == "Address")
            a = address(c);
    });
    return a;
}

Contact Reader::contact(pugi::xml_node node) {
    Contact k;
    k.role = attr(node, "role");
    k.address_id = attr(node, "addressID");
    each_child(
        node, {"Name", "PostalAddress", "Email", "Phone", "Fax", "URL", "IdReference", "Extrinsic"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "Name") {
                k.name = text(c);
                k.name_lang = attr(c, "xml:lang");
            } else if (name == "PostalAddress") {
                k.postal_addresses.push_back(postal_address(c));
            } else if (name == "Email") {
                k.emails.push_back(text(c));
            } else if (name == "Phone") {
                k.phones.push_back(phone(c));
            } else if (name == "Extrinsic") {
                k.extrinsics.push_back(extrinsic(c));
            }
        });
    return k;
}

Shipping Reader::shipping(pugi::xml_node node) {
    Shipping s;
    s.tracking_domain = attr(node, "trackingDomain");
    s.tracking_id = attr(node, "trackingId");
    require(node, node.child("Money"), "Money");
    each_child(node, {"Money", "Description", "Modifications"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "Money")
                       s.money = money(c);
                   else if (name == "Description")
                       s.description = description(c);
               });
    return s;
}

TaxDetail Reader::tax_detail(pugi::xml_node node) {
    TaxDetail t;
    t.purpose = attr(node, "purpose");
    t.category = attr(node, "category");
    t.percentage_rate = optional_decimal(node, "percentageRate");
    t.tax_point_date = optional_date(node, "taxPointDate");
    each_child(node,
               {"TaxableAmount", "TaxAmount", "TaxLocation", "TaxAdjustmentAmount", "Description",
                "TriangularTransactionLawReference", "TaxRegime", "TaxExemption", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "TaxableAmount") {
                       t.taxable_amount = money_in(c);
                   } else if (name == "TaxAmount") {
                       t.tax_amount = money_in(c);
                   } else if (name == "TaxLocation") {
                       t.location = text(c);
                       t.location_lang = attr(c, "xml:lang");
                   } else if (name == "Description") {
                       t.description = description(c);
                   }
               });
    return t;
}

Tax Reader::tax(pugi::xml_node node) {
    Tax t;
    require(node, node.child("Money"), "Money");
    each_child(
        node,
        {"Money", "TaxAdjustmentAmount", "Description", "TaxDetail", "Distribution", "Extrinsic"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "Money")
                t.money = money(c);
            else if (name == "Description")
                t.description = description(c);
            else if (name == "TaxDetail")
                t.details.push_back(tax_detail(c));
            else if (name == "Extrinsic")
                t.extrinsics.push_back(extrinsic(c));
        });
    return t;
}

Distribution Reader::distribution(pugi::xml_node node) {
    Distribution d;
    each_child(node, {"Accounting", "Charge"}, [&](std::string_view name, pugi::xml_node c) {
        if (name == "Accounting") {
            d.accounting_name = attr(c, "name");
            each_child(c, {"Segment", "AccountingSegment"},
                       [&](std::string_view n, pugi::xml_node s) {
                           if (n == "Segment") {
                               d.segments.push_back(AccountingSegment{
                                   attr(s, "type"), attr(s, "id"), attr(s, "description")});
                           }
                       });
        } else if (name == "Charge") {
            d.charge = money_in(c);
        }
    });
    return d;
}

ItemId Reader::item_id(pugi::xml_node node) {
    ItemId id;
    each_child(node, {"SupplierPartID", "SupplierPartAuxiliaryID", "BuyerPartID", "IdReference"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "SupplierPartID")
                       id.supplier_part_id = text(c);
                   else if (name == "SupplierPartAuxiliaryID")
                       id.supplier_part_auxiliary_id = deep_text(c);
                   else if (name == "BuyerPartID")
                       id.buyer_part_id = text(c);
               });
    return id;
}

Classification Reader::classification(pugi::xml_node node) {
    return Classification{attr(node, "domain"), attr(node, "code"), text(node)};
}

PriceBasisQuantity Reader::price_basis_quantity(pugi::xml_node node) {
    PriceBasisQuantity p;
    p.quantity = required_decimal(node, "quantity");
    p.conversion_factor = required_decimal(node, "conversionFactor");
    each_child(node, {"UnitOfMeasure", "Description"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "UnitOfMeasure")
                       p.unit_of_measure = text(c);
                   else if (name == "Description")
                       p.description = description(c);
               });
    return p;
}

ItemDetail Reader::item_detail(pugi::xml_node node) {
    ItemDetail d;
    require(node, node.child("UnitPrice"), "UnitPrice");
    each_child(node,
               {"UnitPrice", "Description", "OverallLimit", "ExpectedLimit", "UnitOfMeasure",
                "PriceBasisQuantity", "Classification", "ManufacturerPartID", "ManufacturerName",
                "URL", "LeadTime", "Dimension", "ItemDetailIndustry", "AttachmentReference",
                "PlannedAcceptanceDays", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "UnitPrice")
                       d.unit_price = money_in(c);
                   else if (name == "Description")
                       d.descriptions.push_back(description(c));
                   else if (name == "UnitOfMeasure")
                       d.unit_of_measure = text(c);
                   else if (name == "PriceBasisQuantity")
                       d.price_basis_quantity = price_basis_quantity(c);
                   else if (name == "Classification")
                       d.classifications.push_back(classification(c));
                   else if (name == "ManufacturerPartID")
                       d.manufacturer_part_id = text(c);
                   else if (name == "ManufacturerName")
                       d.manufacturer_name = text(c);
                   else if (name == "URL")
                       d.url = text(c);
                   else if (name == "LeadTime")
                       d.lead_time = text(c);
                   else if (name == "Extrinsic")
                       d.extrinsics.push_back(extrinsic(c));
               });
    return d;
}

void Reader::read_item_in(pugi::xml_node node, ItemIn& item) {
    item.quantity = required_decimal(node, "quantity");
    item.open_quantity = optional_decimal(node, "openQuantity");
    item.promised_quantity = optional_decimal(node, "promisedQuantity");
    item.line_number = optional_uint(node, "lineNumber");
    item.parent_line_number = optional_uint(node, "parentLineNumber");
    item.item_type = attr(node, "itemType");
    item.composite_item_type = attr(node, "compositeItemType");
    item.item_classification = attr(node, "itemClassification");
    require(node, node.child("ItemID"), "ItemID");
    require(node, node.child("ItemDetail"), "ItemDetail");
    each_child(node,
               {"ItemID", "Path", "ItemDetail", "SupplierID", "SupplierList", "ShipTo", "Shipping",
                "Tax", "SpendDetail", "Distribution", "Contact", "Comments", "ScheduleLine",
                "BillTo", "Batch", "Period", "DateInfo", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "ItemID")
                       item.item_id = item_id(c);
                   else if (name == "ItemDetail")
                       item.detail = item_detail(c);
                   else if (name == "ShipTo")
                       item.ship_to = ship_to(c);
                   else if (name == "Shipping")
                       item.shipping = shipping(c);
                   else if (name == "Tax")
                       item.tax = tax(c);
                   else if (name == "Distribution")
                       item.distributions.push_back(distribution(c));
                   else if (name == "Contact")
                       item.contacts.push_back(contact(c));
                   else if (name == "Comments")
                       item.comments = comments(c);
                   else if (name == "Extrinsic")
                       item.extrinsics.push_back(extrinsic(c));
               });
}

ItemOut Reader::item_out(pugi::xml_node node) {
    ItemOut item;
    item.quantity = required_decimal(node, "quantity");
    item.line_number = optional_uint(node, "lineNumber");
    item.parent_line_number = optional_uint(node, "parentLineNumber");
    item.requested_delivery_date = optional_date(node, "requestedDeliveryDate");
    item.requisition_id = attr(node, "requisitionID");
    item.item_type = attr(node, "itemType");
    require(node, node.child("ItemID"), "ItemID");
    each_child(node,
               {"ItemID",
                "Path",
                "ItemDetail",
                "BlanketItemDetail",
                "SupplierID",
                "SupplierList",
                "ShipTo",
                "Shipping",
                "Tax",
                "SpendDetail",
                "Distribution",
                "Contact",
                "TermsOfDelivery",
                "Comments",
                "Indicator",
                "Tolerances",
                "ControlKeys",
                "ScheduleLine",
                "MasterAgreementReference",
                "MasterAgreementIDInfo",
                "ItemOutIndustry",
                "Packaging",
                "ReleaseInfo",
                "Batch"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "ItemID")
                       item.item_id = item_id(c);
                   else if (name == "ItemDetail")
                       item.detail = item_detail(c);
                   else if (name == "ShipTo")
                       item.ship_to = ship_to(c);
                   else if (name == "Shipping")
                       item.shipping = shipping(c);
                   else if (name == "Tax")
                       item.tax = tax(c);
                   else if (name == "Distribution")
                       item.distributions.push_back(distribution(c));
                   else if (name == "Contact")
                       item.contacts.push_back(contact(c));
                   else if (name == "Comments")
                       item.comments.push_back(comments(c));
               });
    return item;
}

std::string Reader::document_reference(pugi::xml_node node) {
    if (!has_attr(node, "payloadID"))
        deviate(node, "<DocumentReference> has no payloadID");
    return attr(node, "payloadID");
}

OrderReference Reader::order_reference(pugi::xml_node node) {
    OrderReference r;
    r.order_id = attr(node, "orderID");
    r.order_date = optional_date(node, "orderDate");
    const pugi::xml_node ref = node.child("DocumentReference");
    if (ref)
        r.document_payload_id = document_reference(ref);
    else
        deviate(node, "<OrderReference> has no <DocumentReference>");
    return r;
}

OrderReference Reader::order_id_info(pugi::xml_node node) {
    OrderReference r;
    r.order_id = attr(node, "orderID");
    r.order_date = optional_date(node, "orderDate");
    return r;
}

SupplierOrderInfo Reader::supplier_order_info(pugi::xml_node node) {
    return SupplierOrderInfo{attr(node, "orderID"), optional_date(node, "orderDate")};
}

std::string Reader::url_in(pugi::xml_node wrapper) {
    const pugi::xml_node url = wrapper.child("URL");
    if (!url) {
        deviate(wrapper, element_ref(wrapper) + " has no <URL>");
        return {};
    }
    return text(url);
}

Status Reader::status(pugi::xml_node node) {
    Status s;
    s.code = 0;
    const std::string code = attr(node, "code");
    std::uint32_t n = 0;
    bool ok = !code.empty() && code.size() <= 3;
    for (char c : code) {
        if (c < '0' || c > '9')
            ok = false;
        else
            n = n * 10 + static_cast<unsigned>(c - '0');
    }
    if (!ok) {
        fail(ParseErrorKind::invalid_value, 400, node,
             "<Status> code " + quoted(code) + " is not a three-digit number");
    }
    s.code = n;
    s.text = attr(node, "text");
    s.lang = attr(node, "xml:lang");
    s.message = text(node);
    return s;
}

Credential Reader::credential(pugi::xml_node node) {
    Credential c;
    c.domain = attr(node, "domain");
    c.type = attr(node, "type");
    if (!has_attr(node, "domain"))
        deviate(node, "<Credential> has no domain");
    const pugi::xml_node identity = node.child("Identity");
    if (!identity)
        deviate(node, "<Credential> has no <Identity>");
    each_child(node, {"Identity", "SharedSecret", "DigitalSignature", "CredentialMac"},
               [&](std::string_view name, pugi::xml_node e) {
                   if (name == "Identity") {
                       // Kept exactly as sent, white space and all (see Credential).
                       std::string v;
                       for (pugi::xml_node t = e.first_child(); t; t = t.next_sibling()) {
                           if (is_text(t))
                               v += t.value();
                       }
                       c.identity = std::move(v);
                   } else if (name == "SharedSecret") {
                       std::string v;
                       for (pugi::xml_node t = e.first_child(); t; t = t.next_sibling()) {
                           if (is_text(t))
                               v += t.value();
                       }
                       c.shared_secret = std::move(v);
                   } else if (name == "CredentialMac") {
                       CredentialMac m;
                       m.type = attr(e, "type");
                       m.algorithm = attr(e, "algorithm");
                       // The MAC covers the dates exactly as written: no trimming.
                       m.creation_date = e.attribute("creationDate").value();
                       m.expiration_date = e.attribute("expirationDate").value();
                       m.value = text(e);
                       c.mac = std::move(m);
                   }
               });
    return c;
}

void Reader::header(pugi::xml_node node, Header& h) {
    for (const char* part : {"From", "To", "Sender"}) {
        if (!node.child(part)) {
            fail(ParseErrorKind::invalid_structure, 400, node,
                 std::string("<Header> has no <") + part + ">", part);
            return;
        }
    }
    auto party = [&](pugi::xml_node p, std::vector<Credential>& creds) {
        each_child(p, {"Credential", "Correspondent", "UserAgent"},
                   [&](std::string_view name, pugi::xml_node c) {
                       if (name == "Credential")
                           creds.push_back(credential(c));
                   });
        if (creds.empty()) {
            fail(ParseErrorKind::invalid_structure, 400, p, element_ref(p) + " has no <Credential>",
                 "Credential");
        }
    };
    each_child(node, {"From", "To", "Sender", "Path", "OriginalDocument"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "From") {
                       party(c, h.from.credentials);
                   } else if (name == "To") {
                       party(c, h.to.credentials);
                   } else if (name == "Sender") {
                       party(c, h.sender.credentials);
                       const pugi::xml_node ua = c.child("UserAgent");
                       if (ua)
                           h.sender.user_agent = text(ua);
                       else
                           deviate(c, "<Sender> has no <UserAgent>");
                   }
               });
}

// --- bodies ---

PunchOutSetupRequest Reader::punch_out_setup_request(pugi::xml_node node) {
    PunchOutSetupRequest r;
    r.operation =
        enum_attr(node, "operation", punch_out_operation_names, PunchOutOperation::create, true);
    if (!node.child("BuyerCookie"))
        deviate(node, "<PunchOutSetupRequest> has no <BuyerCookie>");
    each_child(node,
               {"BuyerCookie", "Extrinsic", "BrowserFormPost", "Contact", "SupplierSetup", "ShipTo",
                "SelectedItem", "ItemOut"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "BuyerCookie")
                       r.buyer_cookie = deep_text(c);
                   else if (name == "Extrinsic")
                       r.extrinsics.push_back(extrinsic(c));
                   else if (name == "BrowserFormPost")
                       r.browser_form_post_url = url_in(c);
                   else if (name == "Contact")
                       r.contacts.push_back(contact(c));
                   else if (name == "SupplierSetup")
                       r.supplier_setup_url = url_in(c);
                   else if (name == "ShipTo")
                       r.ship_to = ship_to(c);
                   else if (name == "SelectedItem") {
                       const pugi::xml_node id = c.child("ItemID");
                       if (require(c, id, "ItemID"))
                           r.selected_item = item_id(id);
                   } else if (name == "ItemOut") {
                       r.items.push_back(item_out(c));
                   }
               });
    return r;
}

PunchOutSetupResponse Reader::punch_out_setup_response(pugi::xml_node node) {
    PunchOutSetupResponse r;
    const pugi::xml_node start = node.child("StartPage");
    if (require(node, start, "StartPage"))
        r.start_page_url = url_in(start);
    return r;
}

PunchOutOrderMessage Reader::punch_out_order_message(pugi::xml_node node) {
    PunchOutOrderMessage m;
    const pugi::xml_node header = node.child("PunchOutOrderMessageHeader");
    if (!require(node, header, "PunchOutOrderMessageHeader"))
        return m;
    if (!node.child("BuyerCookie"))
        deviate(node, "<PunchOutOrderMessage> has no <BuyerCookie>");
    each_child(
        node, {"BuyerCookie", "PunchOutOrderMessageHeader", "ItemIn"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "BuyerCookie") {
                m.buyer_cookie = deep_text(c);
            } else if (name == "PunchOutOrderMessageHeader") {
                auto& h = m.header;
                h.operation_allowed = enum_attr(c, "operationAllowed", punch_out_operation_names,
                                                PunchOutOperation::create, true);
                h.quote_status =
                    enum_attr(c, "quoteStatus", quote_status_names, QuoteStatus::final, false);
                require(c, c.child("Total"), "Total");
                each_child(
                    c,
                    {"SourcingStatus", "Total", "ShipTo", "Shipping", "Tax", "SupplierOrderInfo"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (n == "Total")
                            h.total = money_in(e);
                        else if (n == "ShipTo")
                            h.ship_to = ship_to(e);
                        else if (n == "Shipping")
                            h.shipping = shipping(e);
                        else if (n == "Tax")
                            h.tax = tax(e);
                        else if (n == "SupplierOrderInfo")
                            h.supplier_order_info = supplier_order_info(e);
                    });
            } else if (name == "ItemIn") {
                ItemIn item;
                read_item_in(c, item);
                m.items.push_back(std::move(item));
            }
        });
    return m;
}

OrderRequest Reader::order_request(pugi::xml_node node) {
    OrderRequest o;
    const pugi::xml_node header = node.child("OrderRequestHeader");
    if (!require(node, header, "OrderRequestHeader"))
        return o;
    if (!node.child("ItemOut"))
        deviate(node, "<OrderRequest> has no <ItemOut>");
    each_child(
        node, {"OrderRequestHeader", "ItemOut"}, [&](std::string_view name, pugi::xml_node c) {
            if (name == "ItemOut") {
                o.items.push_back(item_out(c));
                return;
            }
            auto& h = o.header;
            h.order_id = attr(c, "orderID");
            if (!has_attr(c, "orderID")) {
                fail(ParseErrorKind::invalid_structure, 400, c,
                     "<OrderRequestHeader> has no orderID attribute");
            }
            h.order_date = required_date(c, "orderDate");
            h.type = enum_attr(c, "type", document_operation_names, DocumentOperation::new_, false);
            h.order_type = attr(c, "orderType");
            h.order_version = attr(c, "orderVersion");
            h.requested_delivery_date = optional_date(c, "requestedDeliveryDate");
            require(c, c.child("Total"), "Total");
            if (!c.child("BillTo"))
                deviate(c, "<OrderRequestHeader> has no <BillTo>");
            each_child(c,
                       {"Total",
                        "ShipTo",
                        "BillTo",
                        "BusinessPartner",
                        "LegalEntity",
                        "OrganizationalUnit",
                        "Shipping",
                        "Tax",
                        "Payment",
                        "PaymentTerm",
                        "Contact",
                        "Comments",
                        "Followup",
                        "ControlKeys",
                        "DocumentReference",
                        "SupplierOrderInfo",
                        "TermsOfDelivery",
                        "DeliveryPeriod",
                        "IdReference",
                        "OrderRequestHeaderIndustry",
                        "Extrinsic"},
                       [&](std::string_view n, pugi::xml_node e) {
                           if (n == "Total")
                               h.total = money_in(e);
                           else if (n == "ShipTo")
                               h.ship_to = ship_to(e);
                           else if (n == "BillTo")
                               h.bill_to = bill_to(e);
                           else if (n == "Shipping")
                               h.shipping = shipping(e);
                           else if (n == "Tax")
                               h.tax = tax(e);
                           else if (n == "Payment") {
                               const pugi::xml_node card = e.child("PCard");
                               if (card) {
                                   h.pcard = PCard{attr(card, "number"), attr(card, "expiration"),
                                                   attr(card, "name")};
                               } else {
                                   deviate(e, "<Payment> without <PCard> is not modelled; ignored");
                               }
                           } else if (n == "Contact")
                               h.contacts.push_back(contact(e));
                           else if (n == "Comments")
                               h.comments.push_back(comments(e));
                           else if (n == "DocumentReference")
                               h.document_reference = document_reference(e);
                           else if (n == "SupplierOrderInfo")
                               h.supplier_order_info = supplier_order_info(e);
                           else if (n == "Extrinsic")
                               h.extrinsics.push_back(extrinsic(e));
                       });
        });
    return o;
}

ConfirmationStatus Reader::confirmation_status(pugi::xml_node node) {
    ConfirmationStatus s;
    s.quantity = required_decimal(node, "quantity");
    s.type = enum_attr(node, "type", confirmation_status_type_names, ConfirmationStatusType::accept,
                       true);
    s.shipment_date = optional_date(node, "shipmentDate");
    s.delivery_date = optional_date(node, "deliveryDate");
    each_child(node,
               {"UnitOfMeasure", "ItemIn", "UnitPrice", "Tax", "Shipping", "SupplierBatchID",
                "ScheduleLineReference", "ComponentConsumptionDetails", "Comments", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "UnitOfMeasure")
                       s.unit_of_measure = text(c);
                   else if (name == "ItemIn") {
                       ItemIn item;
                       read_item_in(c, item);
                       s.item_in = std::move(item);
                   } else if (name == "UnitPrice")
                       s.unit_price = money_in(c);
                   else if (name == "Tax")
                       s.tax = tax(c);
                   else if (name == "Shipping")
                       s.shipping = shipping(c);
                   else if (name == "Comments")
                       s.comments.push_back(comments(c));
                   else if (name == "Extrinsic")
                       s.extrinsics.push_back(extrinsic(c));
               });
    return s;
}

ConfirmationRequest Reader::confirmation_request(pugi::xml_node node) {
    ConfirmationRequest r;
    if (!require(node, node.child("ConfirmationHeader"), "ConfirmationHeader"))
        return r;
    if (!node.child("OrderReference"))
        deviate(node, "<ConfirmationRequest> has no <OrderReference>");
    each_child(node,
               {"ConfirmationHeader", "OrderReference", "OrderStatusRequestReference",
                "OrderStatusRequestIDInfo", "ConfirmationItem"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "ConfirmationHeader") {
                       auto& h = r.header;
                       h.confirm_id = attr(c, "confirmID");
                       h.operation = enum_attr(c, "operation", document_operation_names,
                                               DocumentOperation::new_, false);
                       h.type = enum_attr(c, "type", confirmation_type_names,
                                          ConfirmationType::accept, true);
                       h.notice_date = required_date(c, "noticeDate");
                       h.invoice_id = attr(c, "invoiceID");
                       each_child(c,
                                  {"DocumentReference", "Total", "Shipping", "Tax", "Contact",
                                   "Hazard", "Comments", "IdReference", "Extrinsic"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (n == "DocumentReference")
                                          h.document_reference = document_reference(e);
                                      else if (n == "Total")
                                          h.total = money_in(e);
                                      else if (n == "Shipping")
                                          h.shipping = shipping(e);
                                      else if (n == "Tax")
                                          h.tax = tax(e);
                                      else if (n == "Contact")
                                          h.contacts.push_back(contact(e));
                                      else if (n == "Comments")
                                          h.comments.push_back(comments(e));
                                      else if (n == "Extrinsic")
                                          h.extrinsics.push_back(extrinsic(e));
                                  });
                   } else if (name == "OrderReference") {
                       r.order_reference = order_reference(c);
                   } else if (name == "ConfirmationItem") {
                       ConfirmationItem item;
                       item.quantity = required_decimal(c, "quantity");
                       item.line_number = required_uint(c, "lineNumber");
                       each_child(c, {"UnitOfMeasure", "Contact", "Hazard", "ConfirmationStatus"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (n == "UnitOfMeasure")
                                          item.unit_of_measure = text(e);
                                      else if (n == "Contact")
                                          item.contacts.push_back(contact(e));
                                      else if (n == "ConfirmationStatus")
                                          item.statuses.push_back(confirmation_status(e));
                                  });
                       r.items.push_back(std::move(item));
                   }
               });
    return r;
}

ShipNoticeRequest Reader::ship_notice_request(pugi::xml_node node) {
    ShipNoticeRequest r;
    if (!require(node, node.child("ShipNoticeHeader"), "ShipNoticeHeader"))
        return r;
    each_child(
        node, {"ShipNoticeHeader", "ShipControl", "ShipNoticePortion"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "ShipNoticeHeader") {
                auto& h = r.header;
                h.shipment_id = attr(c, "shipmentID");
                h.operation = enum_attr(c, "operation", document_operation_names,
                                        DocumentOperation::new_, false);
                h.notice_date = required_date(c, "noticeDate");
                h.shipment_date = optional_date(c, "shipmentDate");
                h.delivery_date = optional_date(c, "deliveryDate");
                h.shipment_type = attr(c, "shipmentType");
                each_child(c,
                           {"ServiceLevel", "DocumentReference", "Contact", "LegalEntity",
                            "OrganizationalUnit", "Hazard", "Comments", "TermsOfDelivery",
                            "TermsOfTransport", "Packaging", "Extrinsic", "IdReference",
                            "ReferenceDocumentInfo"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (n == "DocumentReference")
                                   h.document_reference = document_reference(e);
                               else if (n == "Contact")
                                   h.contacts.push_back(contact(e));
                               else if (n == "Comments")
                                   h.comments.push_back(comments(e));
                               else if (n == "Extrinsic")
                                   h.extrinsics.push_back(extrinsic(e));
                           });
            } else if (name == "ShipControl") {
                ShipControl sc;
                sc.start_date = optional_date(c, "startDate");
                each_child(
                    c,
                    {"CarrierIdentifier", "ShipmentIdentifier", "PackageIdentification", "Route",
                     "TransportInformation", "Contact", "Comments", "Extrinsic"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (n == "CarrierIdentifier") {
                            sc.carriers.push_back(CarrierIdentifier{attr(e, "domain"), text(e)});
                        } else if (n == "ShipmentIdentifier") {
                            sc.shipment_identifiers.push_back(ShipmentIdentifier{
                                text(e), attr(e, "domain"), attr(e, "trackingURL")});
                        }
                    });
                r.controls.push_back(std::move(sc));
            } else if (name == "ShipNoticePortion") {
                ShipNoticePortion p;
                each_child(
                    c,
                    {"OrderReference", "MasterAgreementReference", "MasterAgreementIDInfo",
                     "Contact", "Comments", "Extrinsic", "ShipNoticeItem", "ReferenceDocumentInfo"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (n == "OrderReference")
                            p.order_reference = order_reference(e);
                        else if (n == "Contact")
                            p.contacts.push_back(contact(e));
                        else if (n == "Comments")
                            p.comments.push_back(comments(e));
                        else if (n == "Extrinsic")
                            p.extrinsics.push_back(extrinsic(e));
                        else if (n == "ShipNoticeItem") {
                            ShipNoticeItem item;
                            item.quantity = required_decimal(e, "quantity");
                            item.line_number = required_uint(e, "lineNumber");
                            each_child(
                                e,
                                {"ItemID", "ShipNoticeItemDetail", "UnitOfMeasure", "Packaging",
                                 "Hazard", "Batch", "SupplierBatchID", "AssetInfo",
                                 "TermsOfDelivery", "OrderedQuantity", "ShipNoticeItemIndustry",
                                 "ComponentConsumptionDetails", "ReferenceDocumentInfo", "Comments",
                                 "Extrinsic", "IUIDInfo"},
                                [&](std::string_view k, pugi::xml_node f) {
                                    if (k == "ItemID")
                                        item.item_id = item_id(f);
                                    else if (k == "UnitOfMeasure")
                                        item.unit_of_measure = text(f);
                                    else if (k == "Comments")
                                        item.comments.push_back(comments(f));
                                    else if (k == "Extrinsic")
                                        item.extrinsics.push_back(extrinsic(f));
                                });
                            p.items.push_back(std::move(item));
                        }
                    });
                r.portions.push_back(std::move(p));
            }
        });
    return r;
}

StatusUpdateRequest Reader::status_update_request(pugi::xml_node node) {
    StatusUpdateRequest r;
    if (!require(node, node.child("Status"), "Status"))
        return r;
    each_child(node,
               {"DocumentReference", "Status", "PaymentStatus", "SourcingStatus", "InvoiceStatus",
                "DocumentStatus", "IntegrationStatus", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "DocumentReference")
                       r.document_reference = document_reference(c);
                   else if (name == "Status")
                       r.status = status(c);
                   else if (name == "Extrinsic")
                       r.extrinsics.push_back(extrinsic(c));
               });
    return r;
}

OrderStatusRequest Reader::order_status_request(pugi::xml_node node) {
    OrderStatusRequest r;
    if (!require(node, node.child("OrderStatusRequestHeader"), "OrderStatusRequestHeader")) {
        return r;
    }
    each_child(
        node, {"OrderStatusRequestHeader", "OrderStatusRequestItem"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "OrderStatusRequestHeader") {
                auto& h = r.header;
                h.request_id = attr(c, "orderStatusRequestID");
                h.request_date = required_date(c, "orderStatusRequestDate");
                each_child(c, {"OrderReference", "OrderIDInfo", "Contact", "Comments", "Extrinsic"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (n == "OrderReference")
                                   h.order_reference = order_reference(e);
                               else if (n == "OrderIDInfo")
                                   h.order_reference = order_id_info(e);
                               else if (n == "Contact")
                                   h.contacts.push_back(contact(e));
                               else if (n == "Comments")
                                   h.comments = comments(e);
                               else if (n == "Extrinsic")
                                   h.extrinsics.push_back(extrinsic(e));
                           });
            } else {
                OrderStatusRequestItem item;
                each_child(c, {"ItemReference", "Comments", "Priority"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (n == "Comments") {
                                   item.comments = comments(e);
                                   return;
                               }
                               if (n != "ItemReference")
                                   return;
                               item.line_number = required_uint(e, "lineNumber");
                               each_child(
                                   e, {"ItemID", "IdReference", "Classification", "Description"},
                                   [&](std::string_view k, pugi::xml_node f) {
                                       if (k == "ItemID")
                                           item.item_id = item_id(f);
                                       else if (k == "Description")
                                           item.description = description(f);
                                   });
                           });
                r.items.push_back(std::move(item));
            }
        });
    return r;
}

InvoiceDetailItem Reader::invoice_detail_item(pugi::xml_node node) {
    InvoiceDetailItem item;
    item.invoice_line_number = required_uint(node, "invoiceLineNumber");
    item.quantity = required_decimal(node, "quantity");
    each_child(node,
               {"UnitOfMeasure",
                "UnitPrice",
                "PriceBasisQuantity",
                "InvoiceDetailItemReference",
                "ReceiptLineItemReference",
                "ShipNoticeLineItemReference",
                "ServiceEntryItemReference",
                "ServiceEntryItemIDInfo",
                "ProductMovementItemIDInfo",
                "SubtotalAmount",
                "Tax",
                "InvoiceDetailLineSpecialHandling",
                "InvoiceDetailLineShipping",
                "ShipNoticeIDInfo",
                "GrossAmount",
                "InvoiceDetailDiscount",
                "InvoiceItemModifications",
                "TotalCharges",
                "TotalAllowances",
                "TotalAmountWithoutTax",
                "NetAmount",
                "Distribution",
                "Packaging",
                "InvoiceDetailItemIndustry",
                "Comments",
                "CustomsInfo",
                "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "UnitOfMeasure")
                       item.unit_of_measure = text(c);
                   else if (name == "UnitPrice")
                       item.unit_price = money_in(c);
                   else if (name == "PriceBasisQuantity")
                       item.price_basis_quantity = price_basis_quantity(c);
                   else if (name == "InvoiceDetailItemReference") {
                       auto& ref = item.reference;
                       ref.line_number = required_uint(c, "lineNumber");
                       each_child(c,
                                  {"ItemID", "Description", "Classification", "ManufacturerPartID",
                                   "ManufacturerName", "Country", "SerialNumber", "SupplierBatchID",
                                   "InvoiceDetailItemReferenceIndustry"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (n == "ItemID")
                                          ref.item_id = item_id(e);
                                      else if (n == "Description")
                                          ref.description = description(e);
                                      else if (n == "Classification")
                                          ref.classifications.push_back(classification(e));
                                  });
                   } else if (name == "SubtotalAmount")
                       item.subtotal_amount = money_in(c);
                   else if (name == "Tax")
                       item.tax = tax(c);
                   else if (name == "GrossAmount")
                       item.gross_amount = money_in(c);
                   else if (name == "NetAmount")
                       item.net_amount = money_in(c);
                   else if (name == "Comments")
                       item.comments = comments(c);
                   else if (name == "Extrinsic")
                       item.extrinsics.push_back(extrinsic(c));
               });
    return item;
}

InvoiceDetailRequest Reader::invoice_detail_request(pugi::xml_node node) {
    InvoiceDetailRequest r;
    for (const char* part : {"InvoiceDetailRequestHeader", "InvoiceDetailSummary"}) {
        if (!require(node, node.child(part), part))
            return r;
    }
    each_child(
        node,
        {"InvoiceDetailRequestHeader", "InvoiceDetailOrder", "InvoiceDetailHeaderOrder",
         "InvoiceDetailSummary"},
        [&](std::string_view name, pugi::xml_node c) {
            if (name == "InvoiceDetailRequestHeader") {
                auto& h = r.header;
                h.invoice_id = attr(c, "invoiceID");
                h.purpose =
                    enum_attr(c, "purpose", invoice_purpose_names, InvoicePurpose::standard, false);
                h.operation = enum_attr(c, "operation", document_operation_names,
                                        DocumentOperation::new_, false);
                h.invoice_date = required_date(c, "invoiceDate");
                each_child(
                    c,
                    {"InvoiceDetailHeaderIndicator", "InvoiceDetailLineIndicator", "InvoicePartner",
                     "DocumentReference", "InvoiceIDInfo", "PaymentProposalIDInfo",
                     "InvoiceDetailShipping", "ShipNoticeIDInfo", "InvoiceDetailPaymentTerm",
                     "PaymentTerm", "PaymentInformation", "Period", "Comments", "IdReference",
                     "Extrinsic"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (n == "InvoiceDetailHeaderIndicator") {
                            h.is_header_invoice = yes_attr(e, "isHeaderInvoice");
                        } else if (n == "InvoiceDetailLineIndicator") {
                            h.is_tax_in_line = yes_attr(e, "isTaxInLine");
                            h.is_special_handling_in_line = yes_attr(e, "isSpecialHandlingInLine");
                            h.is_shipping_in_line = yes_attr(e, "isShippingInLine");
                            h.is_discount_in_line = yes_attr(e, "isDiscountInLine");
                            h.is_accounting_in_line = yes_attr(e, "isAccountingInLine");
                        } else if (n == "InvoicePartner") {
                            InvoicePartner partner;
                            each_child(e, {"Contact", "IdReference"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (k == "Contact")
                                               partner.contact = contact(f);
                                           else
                                               partner.id_references.push_back(IdReference{
                                                   attr(f, "domain"), attr(f, "identifier")});
                                       });
                            h.partners.push_back(std::move(partner));
                        } else if (n == "DocumentReference") {
                            h.document_reference = document_reference(e);
                        } else if (n == "InvoiceDetailShipping") {
                            h.shipping_date = optional_date(e, "shippingDate");
                            each_child(e,
                                       {"Contact", "CarrierIdentifier", "ShipmentIdentifier",
                                        "DocumentReference"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (k == "Contact")
                                               h.shipping_contacts.push_back(contact(f));
                                       });
                        } else if (n == "PaymentTerm") {
                            PaymentTerm term;
                            term.pay_in_number_of_days = required_uint(e, "payInNumberOfDays");
                            each_child(e, {"Discount", "Extrinsic"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (k == "Extrinsic") {
                                               term.extrinsics.push_back(extrinsic(f));
                                               return;
                                           }
                                           if (auto pct = f.child("DiscountPercent")) {
                                               term.discount_percent =
                                                   required_decimal(pct, "percent");
                                           } else if (auto amt = f.child("DiscountAmount")) {
                                               term.discount_amount = money_in(amt);
                                           }
                                       });
                            h.payment_terms.push_back(std::move(term));
                        } else if (n == "Comments") {
                            h.comments = comments(e);
                        } else if (n == "Extrinsic") {
                            h.extrinsics.push_back(extrinsic(e));
                        }
                    });
            } else if (name == "InvoiceDetailOrder") {
                InvoiceDetailOrder order;
                each_child(
                    c,
                    {"InvoiceDetailOrderInfo", "InvoiceDetailReceiptInfo",
                     "InvoiceDetailShipNoticeInfo", "InvoiceDetailItem",
                     "InvoiceDetailServiceItem"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (n == "InvoiceDetailItem") {
                            order.items.push_back(invoice_detail_item(e));
                        } else if (n == "InvoiceDetailServiceItem") {
                            deviate(e, "<InvoiceDetailServiceItem> is not modelled; ignored");
                        } else if (n == "InvoiceDetailOrderInfo") {
                            auto& info = order.info;
                            each_child(
                                e,
                                {"OrderReference", "MasterAgreementReference",
                                 "MasterAgreementIDInfo", "SupplierOrderInfo", "OrderIDInfo"},
                                [&](std::string_view k, pugi::xml_node f) {
                                    if (k == "OrderReference") {
                                        info.order_reference = order_reference(f);
                                    } else if (k == "OrderIDInfo") {
                                        info.order_reference = order_id_info(f);
                                    } else if (k == "MasterAgreementReference") {
                                        MasterAgreementReference m;
                                        m.agreement_id = attr(f, "agreementID");
                                        m.agreement_date = optional_date(f, "agreementDate");
                                        if (auto ref = f.child("DocumentReference")) {
                                            m.document_payload_id = document_reference(ref);
                                        }
                                        info.master_agreement = std::move(m);
                                    } else if (k == "SupplierOrderInfo") {
                                        info.supplier_order_info = supplier_order_info(f);
                                    }
                                });
                        }
                    });
                r.orders.push_back(std::move(order));
            } else if (name == "InvoiceDetailHeaderOrder") {
                deviate(c, "<InvoiceDetailHeaderOrder> is not modelled; ignored");
            } else if (name == "InvoiceDetailSummary") {
                auto& s = r.summary;
                require(c, c.child("SubtotalAmount"), "SubtotalAmount");
                if (!c.child("Tax"))
                    deviate(c, "<InvoiceDetailSummary> has no <Tax>");
                if (!c.child("NetAmount"))
                    deviate(c, "<InvoiceDetailSummary> has no <NetAmount>");
                each_child(c,
                           {"SubtotalAmount", "Tax", "SpecialHandlingAmount", "ShippingAmount",
                            "GrossAmount", "InvoiceDetailDiscount", "InvoiceHeaderModifications",
                            "InvoiceDetailSummaryLineItemModifications", "TotalCharges",
                            "TotalAllowances", "TotalAmountWithoutTax", "NetAmount",
                            "DepositAmount", "DueAmount", "InvoiceDetailSummaryIndustry"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (n == "SubtotalAmount")
                                   s.subtotal_amount = money_in(e);
                               else if (n == "Tax")
                                   s.tax = tax(e);
                               else if (n == "SpecialHandlingAmount")
                                   s.special_handling_amount = money_in(e);
                               else if (n == "ShippingAmount")
                                   s.shipping_amount = money_in(e);
                               else if (n == "GrossAmount")
                                   s.gross_amount = money_in(e);
                               else if (n == "InvoiceDetailDiscount")
                                   s.discount_amount = money_in(e);
                               else if (n == "NetAmount")
                                   s.net_amount = money_in(e);
                               else if (n == "DueAmount")
                                   s.due_amount = money_in(e);
                           });
            }
        });
    return r;
}

ProfileResponse Reader::profile_response(pugi::xml_node node) {
    ProfileResponse p;
    p.effective_date = required_date(node, "effectiveDate");
    p.last_refresh = optional_date(node, "lastRefresh");
    each_child(node, {"Option", "Transaction"}, [&](std::string_view name, pugi::xml_node c) {
        if (name == "Option") {
            p.options.push_back(ProfileOption{attr(c, "name"), text(c)});
            return;
        }
        ProfileTransaction t;
        t.request_name = attr(c, "requestName");
        each_child(c, {"URL", "Option"}, [&](std::string_view n, pugi::xml_node e) {
            if (n == "URL")
                t.url = text(e);
            else
                t.options.push_back(ProfileOption{attr(e, "name"), text(e)});
        });
        p.transactions.push_back(std::move(t));
    });
    return p;
}

void Reader::request(pugi::xml_node node, Request& r) {
    r.deployment_mode =
        enum_attr(node, "deploymentMode", deployment_mode_names, DeploymentMode::production, false);
    pugi::xml_node payload;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        if (payload) {
            deviate(c, "second request element " + element_ref(c) + " in <Request> ignored");
            continue;
        }
        payload = c;
    }
    if (!payload) {
        fail(ParseErrorKind::invalid_structure, 400, node, "<Request> is empty");
        return;
    }
    const std::string_view name = payload.name();
    if (name == "ProfileRequest")
        r.payload = ProfileRequest{};
    else if (name == "PunchOutSetupRequest")
        r.payload = punch_out_setup_request(payload);
    else if (name == "OrderRequest")
        r.payload = order_request(payload);
    else if (name == "ConfirmationRequest")
        r.payload = confirmation_request(payload);
    else if (name == "ShipNoticeRequest")
        r.payload = ship_notice_request(payload);
    else if (name == "StatusUpdateRequest")
        r.payload = status_update_request(payload);
    else if (name == "OrderStatusRequest")
        r.payload = order_status_request(payload);
    else if (name == "InvoiceDetailRequest")
        r.payload = invoice_detail_request(payload);
    else if (contains(known_requests, name))
        r.payload = Unsupported{std::string(name)};
    else {
        fail(ParseErrorKind::unknown_element, 450, payload,
             "unknown request element " + element_ref(payload) +
                 ": no cXML DTD defines it, so it is not implemented here",
             std::string(name));
    }
}

void Reader::response(pugi::xml_node node, Response& r) {
    // A Response with an element no DTD defines is not a cXML response at all.
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        const std::string_view name = c.name();
        if (name != "Status" && !contains(known_responses, name)) {
            fail(ParseErrorKind::unknown_element, 400, c,
                 "unknown response element " + element_ref(c) + ": no cXML DTD defines it",
                 std::string(name));
            return;
        }
    }
    const pugi::xml_node status_node = node.child("Status");
    if (!require(node, status_node, "Status"))
        return;
    Status s = status(status_node);
    pugi::xml_node payload;
    each_child(node,
               {"Status",
                "ProfileResponse",
                "PunchOutSetupResponse",
                "ProviderSetupResponse",
                "GetPendingResponse",
                "SubscriptionListResponse",
                "SubscriptionContentResponse",
                "SupplierListResponse",
                "SupplierDataResponse",
                "AuthResponse",
                "DataResponse",
                "OrganizationDataResponse",
                "SessionStatusResponse",
                "OrderStatusSetupResponse",
                "PrivateOrganizationResponse",
                "ContentResponse",
                "RelationshipResponse",
                "ProviderDataResponse",
                "SearchResponse",
                "PriceAvailabilityResponse",
                "DataSyncChangeListResponse",
                "DataSyncDataResponse",
                "S4DataPushResponse",
                "DataPushResponse"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name != "Status" && !payload)
                       payload = c;
               });
    ResponsePayload body;
    if (payload) {
        const std::string_view name = payload.name();
        if (name == "ProfileResponse")
            body = profile_response(payload);
        else if (name == "PunchOutSetupResponse")
            body = punch_out_setup_response(payload);
        else
            body = Unsupported{std::string(name)};
        if (!s.is_success()) {
            deviate(payload, element_ref(payload) + " with status " + std::to_string(s.code) +
                                 " ignored: only a 2xx Response carries a response element");
            body = std::monostate{};
        }
    }
    r = Response(std::move(s), std::move(body));
}

void Reader::message(pugi::xml_node node, Message& m) {
    m.deployment_mode =
        enum_attr(node, "deploymentMode", deployment_mode_names, DeploymentMode::production, false);
    m.in_reply_to = attr(node, "inReplyTo");
    pugi::xml_node payload;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        if (std::strcmp(c.name(), "Status") == 0) {
            m.status = status(c);
        } else if (!payload) {
            payload = c;
        } else {
            deviate(c, "second message element " + element_ref(c) + " in <Message> ignored");
        }
    }
    if (!payload) {
        fail(ParseErrorKind::invalid_structure, 400, node, "<Message> is empty");
        return;
    }
    const std::string_view name = payload.name();
    if (name == "PunchOutOrderMessage")
        m.payload = punch_out_order_message(payload);
    else if (contains(known_messages, name))
        m.payload = Unsupported{std::string(name)};
    else {
        fail(ParseErrorKind::unknown_element, 450, payload,
             "unknown message element " + element_ref(payload) +
                 ": no cXML DTD defines it, so it is not implemented here",
             std::string(name));
    }
}

void Reader::read_document(pugi::xml_node root, Document& doc) {
    if (std::strcmp(root.name(), "cXML") != 0) {
        deviate(root, "root element spelled <" + std::string(root.name()) + ">, not <cXML>");
    }
    if (!has_attr(root, "payloadID") || attr(root, "payloadID").empty()) {
        fail(ParseErrorKind::invalid_structure, 400, root, "<cXML> has no payloadID attribute");
        return;
    }
    doc.payload_id = attr(root, "payloadID");
    doc.version = attr(root, "version");
    doc.lang = attr(root, "xml:lang");
    if (has_attr(root, "timestamp")) {
        doc.timestamp = DateTime::parse(attr(root, "timestamp"));
        if (!doc.timestamp.valid()) {
            deviate(root, "timestamp " + quoted(doc.timestamp.text) +
                              " is not a date we understand; kept as text");
        } else if (!doc.timestamp.time->zone_given()) {
            deviate(root,
                    "timestamp " + quoted(doc.timestamp.text) + " has no time zone; read as UTC");
        } else if (!is_iso_date(doc.timestamp.text)) {
            deviate(root, "timestamp " + quoted(doc.timestamp.text) + " is not ISO 8601; read as " +
                              doc.timestamp.time->format());
        }
    } else {
        deviate(root, "<cXML> has no timestamp attribute");
    }

    pugi::xml_node header_node;
    pugi::xml_node body_node;
    each_child(root, {"Header", "Message", "Request", "Response", "ds:Signature"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (name == "Header") {
                       header_node = c;
                   } else if (name != "ds:Signature") {
                       if (body_node) {
                           deviate(c, "second body element " + element_ref(c) + " ignored");
                       } else {
                           body_node = c;
                       }
                   }
               });
    if (!body_node) {
        fail(ParseErrorKind::invalid_structure, 400, root,
             "<cXML> has no <Request>, <Response> or <Message>");
        return;
    }
    const std::string_view body = body_node.name();
    if (body == "Response") {
        if (header_node)
            deviate(header_node, "<Header> in a Response ignored");
        Response r;
        response(body_node, r);
        doc.body = std::move(r);
        return;
    }
    if (!header_node) {
        fail(ParseErrorKind::invalid_structure, 400, root,
             "<cXML> has no <Header> (a " + std::string(body) + " needs one)", "Header");
        return;
    }
    header(header_node, doc.header);
    if (failed())
        return;
    if (body == "Request") {
        Request r;
        request(body_node, r);
        doc.body = std::move(r);
    } else {
        Message m;
        message(body_node, m);
        doc.body = std::move(m);
    }
}

}  // namespace punchout::cxml::detail
