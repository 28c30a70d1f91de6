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

// `s == lit` with the literal's length known at compile time, so the compare is inlined.
template <std::size_t N>
inline bool is(std::string_view s, const char (&lit)[N]) noexcept {
    return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

// Element children named `name`: lets a vector of large lines be sized once.
std::size_t count_children(pugi::xml_node parent, const char* name) {
    std::size_t n = 0;
    for (pugi::xml_node c = parent.child(name); c; c = c.next_sibling(name))
        ++n;
    return n;
}

bool is_text(pugi::xml_node n) {
    return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

}  // namespace

Reader::Reader(std::string_view input, std::size_t base, std::vector<Deviation>& deviations)
    : input_(input), base_(base), deviations_(deviations) {}

void Reader::fail(ParseErrorKind kind, unsigned status, pugi::xml_node at, std::string message,
                  std::string element) {
    // The first error stands, except that exceeding the depth limit (a safety limit) is
    // reported over any structural error met on the way down.
    if (error_ && !(kind == ParseErrorKind::too_deep && error_->kind != ParseErrorKind::too_deep))
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
    std::string s;
    set_text(s, node);
    return s;
}

void Reader::set_text(std::string& out, pugi::xml_node node) const {
    // parse_embed_pcdata keeps leading character data in the element's own value.
    const char* own = node.value();
    pugi::xml_node c = node.first_child();
    if (!c) {
        // No children: nothing below this node for the depth check to walk.
        iterated_ = node.internal_object();
        out.assign(trim(own));
        return;
    }
    std::string s = own;
    for (; c; c = c.next_sibling()) {
        if (is_text(c))
            s += c.value();
    }
    out.assign(trim(s));
}

std::string_view Reader::text_view(pugi::xml_node node, std::string& scratch) const {
    if (!node.first_child()) {
        iterated_ = node.internal_object();
        return trim(node.value());
    }
    set_text(scratch, node);
    return scratch;
}

void Reader::set_attr(std::string& out, pugi::xml_node node, const char* name) {
    const pugi::xml_attribute a = node.attribute(name);
    if (a)
        out.assign(trim(a.value()));
}

std::string Reader::deep_text(pugi::xml_node node) const {
    std::string s = node.value();
    // Iterative walk: ANY content may nest, and depth was already limited.
    pugi::xml_node n = node.first_child();
    while (n && n != node) {
        s += n.value();  // text nodes, and text embedded in elements
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
    const pugi::xml_attribute a = node.attribute(name);
    if (!a) {
        fail(ParseErrorKind::invalid_structure, 400, node,
             element_ref(node) + " has no " + name + " attribute");
        return {};
    }
    return decimal_value(node, trim(a.value()), name).value_or(Decimal{});
}

std::optional<Decimal> Reader::optional_decimal(pugi::xml_node node, const char* name) {
    const pugi::xml_attribute a = node.attribute(name);
    if (!a)
        return std::nullopt;
    const std::string_view v = trim(a.value());
    if (v.empty()) {
        deviate(node, std::string("empty ") + name + " on " + element_ref(node) + " ignored");
        return std::nullopt;
    }
    return decimal_value(node, v, name);
}

std::optional<std::uint32_t> Reader::optional_uint(pugi::xml_node node, const char* name) {
    const pugi::xml_attribute a = node.attribute(name);
    if (!a)
        return std::nullopt;
    return uint_value(node, name, trim(a.value()));
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
    const pugi::xml_attribute a = node.attribute(name);
    if (!a)
        return std::nullopt;
    return date_value(node, name, trim(a.value()));
}

DateTime Reader::date_value(pugi::xml_node node, std::string_view name, std::string_view text) {
    DateTime d = DateTime::parse(text);
    if (!d.valid()) {
        deviate(node, std::string(name) + " " + quoted(text) + " of " + element_ref(node) +
                          " is not a date we understand; kept as text");
    } else if (!d.time->zone_given() && text.find(':') != std::string_view::npos) {
        // A date alone (%date attributes) needs no zone; a time of day does.
        deviate(node, std::string(name) + " " + quoted(text) + " of " + element_ref(node) +
                          " has no time zone; read as UTC");
    } else if (!is_iso_date(text)) {
        deviate(node, std::string(name) + " " + quoted(text) + " of " + element_ref(node) +
                          " is not ISO 8601; read as " + d.time->format());
    }
    return d;
}

std::optional<std::uint32_t> Reader::uint_value(pugi::xml_node node, std::string_view name,
                                                std::string_view v) {
    if (v.empty()) {
        deviate(node, "empty " + std::string(name) + " on " + element_ref(node) + " ignored");
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
void Reader::visit(pugi::xml_node child, F&& f) {
    if (depth_ + 1 > max_depth_) {
        too_deep(child);
        return;
    }
    ++depth_;
    f();
    --depth_;
    // A child whose children were not read by each_child still has its subtree checked.
    if (iterated_ != child.internal_object())
        check_subtree(child, depth_ + 1);
}

template <class F>
void Reader::each_child(pugi::xml_node parent, std::initializer_list<std::string_view> order,
                        F&& f) {
    std::ptrdiff_t last = -1;
    std::string_view last_name;
    bool order_reported = false;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        // Elements are the only nodes with a name (comments and PIs are not kept).
        const std::string_view name = c.name();
        if (name.empty())
            continue;
        const auto it = std::find_if(order.begin(), order.end(), [name](std::string_view o) {
            return o.size() == name.size() && o[0] == name[0] &&
                   std::memcmp(o.data(), name.data(), o.size()) == 0;
        });
        if (it == order.end()) {
            deviate(c, "unknown element <" + std::string(name) + "> in " + element_ref(parent) +
                           " ignored");
            visit(c, [] {});
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
        visit(c, [&] { f(name, c); });
    }
    iterated_ = parent.internal_object();
}

void Reader::too_deep(pugi::xml_node at) {
    fail(ParseErrorKind::too_deep, 413, at,
         "elements nest deeper than the limit of " + std::to_string(max_depth_) + " levels");
}

void Reader::check_subtree(pugi::xml_node node, std::size_t node_depth) {
    // Iterative: the subtree may be a nesting bomb.
    std::size_t depth = node_depth;
    pugi::xml_node n = node.first_child();
    if (n)
        ++depth;
    while (n && n != node) {
        if (depth > max_depth_ && n.type() == pugi::node_element) {
            too_deep(n);
            return;
        }
        if (n.first_child()) {
            n = n.first_child();
            ++depth;
            continue;
        }
        while (n != node && !n.next_sibling()) {
            n = n.parent();
            --depth;
        }
        if (n != node)
            n = n.next_sibling();
    }
}

void Reader::read_root(pugi::xml_node root, Document& doc) {
    depth_ = 0;
    visit(root, [&] { read_document(root, doc); });
}

void Reader::read_root(pugi::xml_node root, ItemIn& item) {
    depth_ = 0;
    visit(root, [&] { read_item_in(root, item); });
}

bool Reader::require(pugi::xml_node parent, pugi::xml_node child, std::string_view name) {
    if (child)
        return true;
    fail(ParseErrorKind::invalid_structure, 400, parent,
         element_ref(parent) + " has no <" + std::string(name) + ">", std::string(name));
    return false;
}

void Reader::money(pugi::xml_node node, Money& m) {
    // One pass over the attributes instead of a lookup for each.
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        if (is(name, "currency")) {
            m.currency.assign(trim(a.value()));
        } else if (is(name, "alternateAmount")) {
            const std::string_view v = trim(a.value());
            if (!v.empty())
                m.alternate_amount = decimal_value(node, v, "alternateAmount");
        } else if (is(name, "alternateCurrency")) {
            m.alternate_currency.assign(trim(a.value()));
        }
    }
    if (m.currency.empty())
        deviate(node, "<Money> has no currency");
    std::string scratch;
    const std::string_view amount = text_view(node, scratch);
    if (amount.empty()) {
        deviate(node, "empty <Money> read as 0");
    } else if (auto d = decimal_value(node, amount, "amount")) {
        m.amount = *d;
    }
}

void Reader::money(pugi::xml_node node, std::optional<Money>& m) {
    money(node, m.emplace());
}

void Reader::money_in(pugi::xml_node wrapper, Money& out) {
    const pugi::xml_node m = wrapper.first_child();
    // Money is the first (and usually only) child; look further only when it is not.
    if (m && is(m.name(), "Money")) {
        money(m, out);
    } else if (const pugi::xml_node found = wrapper.child("Money")) {
        money(found, out);
    } else {
        require(wrapper, found, "Money");
    }
}

void Reader::money_in(pugi::xml_node wrapper, std::optional<Money>& out) {
    money_in(wrapper, out.emplace());
}

// --- shared elements ---

void Reader::extrinsic(pugi::xml_node node, Extrinsic& e) {
    const pugi::xml_attribute name = node.attribute("name");
    if (name)
        e.name.assign(trim(name.value()));
    else
        deviate(node, "<Extrinsic> has no name");
    if (!node.first_child())
        set_text(e.value, node);
    else
        e.value = deep_text(node);
}

void Reader::description(pugi::xml_node node, Description& d) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        if (is(name, "xml:lang"))
            d.lang.assign(trim(a.value()));
        else if (is(name, "type"))
            d.type.assign(trim(a.value()));
    }
    if (!node.first_child()) {
        d.text.assign(trim(node.value()));
        return;
    }
    std::string body = node.value();
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (is_text(c)) {
            body += c.value();
        } else if (c.type() == pugi::node_element) {
            if (std::strcmp(c.name(), "ShortName") == 0) {
                set_text(d.short_name, c);
            } else {
                deviate(c, "unknown element " + element_ref(c) + " in <Description> ignored");
            }
        }
    }
    d.text = std::string(trim(body));
}

void Reader::description(pugi::xml_node node, std::optional<Description>& d) {
    description(node, d.emplace());
}

Comments Reader::comments(pugi::xml_node node) {
    Comments c;
    set_attr(c.lang, node, "xml:lang");
    set_attr(c.type, node, "type");
    std::string body = node.value();
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
    set_attr(p.name, node, "name");
    const pugi::xml_node tn = node.child("TelephoneNumber");
    if (!tn) {
        // Fax may hold a URL or Email instead; those are not modelled.
        if (std::strcmp(node.name(), "Phone") == 0)
            require(node, tn, "TelephoneNumber");
        return p;
    }
    each_child(tn, {"CountryCode", "AreaOrCityCode", "Number", "Extension"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "CountryCode")) {
                       set_text(p.country_code, c);
                       set_attr(p.iso_country_code, c, "isoCountryCode");
                   } else if (is(name, "AreaOrCityCode")) {
                       set_text(p.area_or_city_code, c);
                   } else if (is(name, "Number")) {
                       set_text(p.number, c);
                   } else if (is(name, "Extension")) {
                       set_text(p.extension, c);
                   }
               });
    return p;
}

void Reader::postal_address(pugi::xml_node node, PostalAddress& a) {
    set_attr(a.name, node, "name");
    each_child(node,
               {"DeliverTo", "Street", "City", "Municipality", "State", "PostalCode", "Country",
                "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "DeliverTo")) {
                       a.deliver_to.push_back(text(c));
                   } else if (is(name, "Street")) {
                       a.street.push_back(text(c));
                   } else if (is(name, "City")) {
                       set_text(a.city, c);
                   } else if (is(name, "Municipality")) {
                       set_text(a.municipality, c);
                   } else if (is(name, "State")) {
                       set_text(a.state, c);
                       set_attr(a.iso_state_code, c, "isoStateCode");
                   } else if (is(name, "PostalCode")) {
                       set_text(a.postal_code, c);
                   } else if (is(name, "Country")) {
                       set_text(a.country, c);
                       set_attr(a.iso_country_code, c, "isoCountryCode");
                   } else if (is(name, "Extrinsic")) {
                       extrinsic(c, a.extrinsics.emplace_back());
                   }
               });
}

void Reader::address(pugi::xml_node node, Address& a) {
    set_attr(a.iso_country_code, node, "isoCountryCode");
    set_attr(a.address_id, node, "addressID");
    set_attr(a.address_id_domain, node, "addressIDDomain");
    each_child(node, {"Name", "PostalAddress", "Email", "Phone", "Fax", "URL"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "Name")) {
                       set_text(a.name, c);
                       set_attr(a.name_lang, c, "xml:lang");
                   } else if (is(name, "PostalAddress")) {
                       postal_address(c, a.postal_address.emplace());
                   } else if (is(name, "Email")) {
                       set_text(a.email, c);
                   } else if (is(name, "Phone")) {
                       a.phone = phone(c);
                   } else if (is(name, "Fax")) {
                       if (c.child("TelephoneNumber"))
                           a.fax = phone(c);
                   } else if (is(name, "URL")) {
                       set_text(a.url, c);
                   }
               });
}

void Reader::ship_to(pugi::xml_node node, ShipTo& s) {
    each_child(node, {"Address", "CarrierIdentifier", "TransportInformation", "IdReference"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "Address")) {
                       address(c, s.address);
                   } else if (is(name, "CarrierIdentifier")) {
                       s.carriers.push_back(CarrierIdentifier{attr(c, "domain"), text(c)});
                   }
               });
}

void Reader::bill_to(pugi::xml_node node, Address& a) {
    each_child(node, {"Address", "IdReference"}, [&](std::string_view name, pugi::xml_node c) {
        if (is(name, "Address"))
            address(c, a);
    });
}

void Reader::contact(pugi::xml_node node, Contact& k) {
    set_attr(k.role, node, "role");
    set_attr(k.address_id, node, "addressID");
    each_child(
        node, {"Name", "PostalAddress", "Email", "Phone", "Fax", "URL", "IdReference", "Extrinsic"},
        [&](std::string_view name, pugi::xml_node c) {
            if (is(name, "Name")) {
                set_text(k.name, c);
                set_attr(k.name_lang, c, "xml:lang");
            } else if (is(name, "PostalAddress")) {
                postal_address(c, k.postal_addresses.emplace_back());
            } else if (is(name, "Email")) {
                k.emails.push_back(text(c));
            } else if (is(name, "Phone")) {
                k.phones.push_back(phone(c));
            } else if (is(name, "Extrinsic")) {
                extrinsic(c, k.extrinsics.emplace_back());
            }
        });
}

Shipping Reader::shipping(pugi::xml_node node) {
    Shipping s;
    set_attr(s.tracking_domain, node, "trackingDomain");
    set_attr(s.tracking_id, node, "trackingId");
    require(node, node.child("Money"), "Money");
    each_child(node, {"Money", "Description", "Modifications"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "Money"))
                       money(c, s.money);
                   else if (is(name, "Description"))
                       description(c, s.description);
               });
    return s;
}

TaxDetail Reader::tax_detail(pugi::xml_node node) {
    TaxDetail t;
    set_attr(t.purpose, node, "purpose");
    set_attr(t.category, node, "category");
    t.percentage_rate = optional_decimal(node, "percentageRate");
    t.tax_point_date = optional_date(node, "taxPointDate");
    each_child(node,
               {"TaxableAmount", "TaxAmount", "TaxLocation", "TaxAdjustmentAmount", "Description",
                "TriangularTransactionLawReference", "TaxRegime", "TaxExemption", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "TaxableAmount")) {
                       money_in(c, t.taxable_amount);
                   } else if (is(name, "TaxAmount")) {
                       money_in(c, t.tax_amount);
                   } else if (is(name, "TaxLocation")) {
                       set_text(t.location, c);
                       set_attr(t.location_lang, c, "xml:lang");
                   } else if (is(name, "Description")) {
                       description(c, t.description);
                   }
               });
    return t;
}

void Reader::tax(pugi::xml_node node, Tax& t) {
    require(node, node.child("Money"), "Money");
    each_child(
        node,
        {"Money", "TaxAdjustmentAmount", "Description", "TaxDetail", "Distribution", "Extrinsic"},
        [&](std::string_view name, pugi::xml_node c) {
            if (is(name, "Money"))
                money(c, t.money);
            else if (is(name, "Description"))
                description(c, t.description);
            else if (is(name, "TaxDetail"))
                t.details.push_back(tax_detail(c));
            else if (is(name, "Extrinsic"))
                extrinsic(c, t.extrinsics.emplace_back());
        });
}

void Reader::distribution(pugi::xml_node node, Distribution& d) {
    each_child(node, {"Accounting", "Charge"}, [&](std::string_view name, pugi::xml_node c) {
        if (is(name, "Accounting")) {
            set_attr(d.accounting_name, c, "name");
            each_child(c, {"Segment", "AccountingSegment"},
                       [&](std::string_view n, pugi::xml_node s) {
                           if (is(n, "Segment")) {
                               AccountingSegment& seg = d.segments.emplace_back();
                               for (pugi::xml_attribute a = s.first_attribute(); a;
                                    a = a.next_attribute()) {
                                   const std::string_view an = a.name();
                                   if (is(an, "type"))
                                       seg.type.assign(trim(a.value()));
                                   else if (is(an, "id"))
                                       seg.id.assign(trim(a.value()));
                                   else if (is(an, "description"))
                                       seg.description.assign(trim(a.value()));
                               }
                           }
                       });
        } else if (is(name, "Charge")) {
            money_in(c, d.charge);
        }
    });
}

void Reader::item_id(pugi::xml_node node, std::optional<ItemId>& id) {
    item_id(node, id.emplace());
}

void Reader::item_id(pugi::xml_node node, ItemId& id) {
    each_child(node, {"SupplierPartID", "SupplierPartAuxiliaryID", "BuyerPartID", "IdReference"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "SupplierPartID"))
                       set_text(id.supplier_part_id, c);
                   else if (is(name, "SupplierPartAuxiliaryID"))
                       id.supplier_part_auxiliary_id = deep_text(c);
                   else if (is(name, "BuyerPartID"))
                       set_text(id.buyer_part_id, c);
               });
}

void Reader::classification(pugi::xml_node node, Classification& c) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        if (is(name, "domain"))
            c.domain.assign(trim(a.value()));
        else if (is(name, "code"))
            c.code.assign(trim(a.value()));
    }
    set_text(c.value, node);
}

PriceBasisQuantity Reader::price_basis_quantity(pugi::xml_node node) {
    PriceBasisQuantity p;
    p.quantity = required_decimal(node, "quantity");
    p.conversion_factor = required_decimal(node, "conversionFactor");
    each_child(node, {"UnitOfMeasure", "Description"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "UnitOfMeasure"))
                       set_text(p.unit_of_measure, c);
                   else if (is(name, "Description"))
                       description(c, p.description);
               });
    return p;
}

void Reader::item_detail(pugi::xml_node node, ItemDetail& d) {
    require(node, node.child("UnitPrice"), "UnitPrice");
    each_child(node,
               {"UnitPrice", "Description", "OverallLimit", "ExpectedLimit", "UnitOfMeasure",
                "PriceBasisQuantity", "Classification", "ManufacturerPartID", "ManufacturerName",
                "URL", "LeadTime", "Dimension", "ItemDetailIndustry", "AttachmentReference",
                "PlannedAcceptanceDays", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "UnitPrice"))
                       money_in(c, d.unit_price);
                   else if (is(name, "Description"))
                       description(c, d.descriptions.emplace_back());
                   else if (is(name, "UnitOfMeasure"))
                       set_text(d.unit_of_measure, c);
                   else if (is(name, "PriceBasisQuantity"))
                       d.price_basis_quantity = price_basis_quantity(c);
                   else if (is(name, "Classification"))
                       classification(c, d.classifications.emplace_back());
                   else if (is(name, "ManufacturerPartID"))
                       set_text(d.manufacturer_part_id, c);
                   else if (is(name, "ManufacturerName"))
                       set_text(d.manufacturer_name, c);
                   else if (is(name, "URL"))
                       set_text(d.url, c);
                   else if (is(name, "LeadTime"))
                       set_text(d.lead_time, c);
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, d.extrinsics.emplace_back());
               });
}

void Reader::read_item_in(pugi::xml_node node, ItemIn& item) {
    item.quantity = required_decimal(node, "quantity");
    item.open_quantity = optional_decimal(node, "openQuantity");
    item.promised_quantity = optional_decimal(node, "promisedQuantity");
    item.line_number = optional_uint(node, "lineNumber");
    item.parent_line_number = optional_uint(node, "parentLineNumber");
    set_attr(item.item_type, node, "itemType");
    set_attr(item.composite_item_type, node, "compositeItemType");
    set_attr(item.item_classification, node, "itemClassification");
    require(node, node.child("ItemID"), "ItemID");
    require(node, node.child("ItemDetail"), "ItemDetail");
    each_child(node,
               {"ItemID", "Path", "ItemDetail", "SupplierID", "SupplierList", "ShipTo", "Shipping",
                "Tax", "SpendDetail", "Distribution", "Contact", "Comments", "ScheduleLine",
                "BillTo", "Batch", "Period", "DateInfo", "Extrinsic"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "ItemID"))
                       item_id(c, item.item_id);
                   else if (is(name, "ItemDetail"))
                       item_detail(c, item.detail);
                   else if (is(name, "ShipTo"))
                       ship_to(c, item.ship_to.emplace());
                   else if (is(name, "Shipping"))
                       item.shipping = shipping(c);
                   else if (is(name, "Tax"))
                       tax(c, item.tax.emplace());
                   else if (is(name, "Distribution"))
                       distribution(c, item.distributions.emplace_back());
                   else if (is(name, "Contact"))
                       contact(c, item.contacts.emplace_back());
                   else if (is(name, "Comments"))
                       item.comments = comments(c);
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, item.extrinsics.emplace_back());
               });
}

void Reader::item_out(pugi::xml_node node, ItemOut& item) {
    bool quantity = false;
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        const std::string_view v = trim(a.value());
        if (is(name, "quantity")) {
            quantity = true;
            item.quantity = decimal_value(node, v, "quantity").value_or(Decimal{});
        } else if (is(name, "lineNumber")) {
            item.line_number = uint_value(node, name, v);
        } else if (is(name, "parentLineNumber")) {
            item.parent_line_number = uint_value(node, name, v);
        } else if (is(name, "requestedDeliveryDate")) {
            item.requested_delivery_date = date_value(node, name, v);
        } else if (is(name, "requisitionID")) {
            item.requisition_id.assign(v);
        } else if (is(name, "itemType")) {
            item.item_type.assign(v);
        } else if (is(name, "itemCategory")) {
            item.item_category.assign(v);
        } else if (is(name, "itemClassification")) {
            item.item_classification.assign(v);
        } else if (is(name, "isAdHoc")) {
            item.is_ad_hoc = iequals(v, "yes");
        } else if (is(name, "isReturn")) {
            item.is_return = iequals(v, "yes");
        }
    }
    if (!quantity) {
        fail(ParseErrorKind::invalid_structure, 400, node, "<ItemOut> has no quantity attribute");
    }
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
                   if (is(name, "ItemID"))
                       item_id(c, item.item_id);
                   else if (is(name, "ItemDetail"))
                       item_detail(c, item.detail.emplace());
                   else if (is(name, "ShipTo"))
                       ship_to(c, item.ship_to.emplace());
                   else if (is(name, "Shipping"))
                       item.shipping = shipping(c);
                   else if (is(name, "Tax"))
                       tax(c, item.tax.emplace());
                   else if (is(name, "Distribution"))
                       distribution(c, item.distributions.emplace_back());
                   else if (is(name, "Contact"))
                       contact(c, item.contacts.emplace_back());
                   else if (is(name, "Comments"))
                       item.comments.push_back(comments(c));
               });
}

std::string Reader::document_reference(pugi::xml_node node) {
    if (!has_attr(node, "payloadID"))
        deviate(node, "<DocumentReference> has no payloadID");
    return attr(node, "payloadID");
}

OrderReference Reader::order_reference(pugi::xml_node node) {
    OrderReference r;
    set_attr(r.order_id, node, "orderID");
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
    set_attr(r.order_id, node, "orderID");
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
    set_attr(s.text, node, "text");
    set_attr(s.lang, node, "xml:lang");
    s.message = text(node);
    return s;
}

Credential Reader::credential(pugi::xml_node node) {
    Credential c;
    set_attr(c.domain, node, "domain");
    set_attr(c.type, node, "type");
    if (!has_attr(node, "domain"))
        deviate(node, "<Credential> has no domain");
    const pugi::xml_node identity = node.child("Identity");
    if (!identity)
        deviate(node, "<Credential> has no <Identity>");
    each_child(node, {"Identity", "SharedSecret", "DigitalSignature", "CredentialMac"},
               [&](std::string_view name, pugi::xml_node e) {
                   if (is(name, "Identity")) {
                       // Kept exactly as sent, white space and all (see Credential).
                       std::string v = e.value();
                       for (pugi::xml_node t = e.first_child(); t; t = t.next_sibling()) {
                           if (is_text(t))
                               v += t.value();
                       }
                       c.identity = std::move(v);
                   } else if (is(name, "SharedSecret")) {
                       std::string v = e.value();
                       for (pugi::xml_node t = e.first_child(); t; t = t.next_sibling()) {
                           if (is_text(t))
                               v += t.value();
                       }
                       c.shared_secret = std::move(v);
                   } else if (is(name, "CredentialMac")) {
                       CredentialMac m;
                       set_attr(m.type, e, "type");
                       set_attr(m.algorithm, e, "algorithm");
                       // The MAC covers the dates exactly as written: no trimming.
                       m.creation_date = e.attribute("creationDate").value();
                       m.expiration_date = e.attribute("expirationDate").value();
                       set_text(m.value, e);
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
                       if (is(name, "Credential"))
                           creds.push_back(credential(c));
                   });
        if (creds.empty()) {
            fail(ParseErrorKind::invalid_structure, 400, p, element_ref(p) + " has no <Credential>",
                 "Credential");
        }
    };
    each_child(node, {"From", "To", "Sender", "Path", "OriginalDocument"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "From")) {
                       party(c, h.from.credentials);
                   } else if (is(name, "To")) {
                       party(c, h.to.credentials);
                   } else if (is(name, "Sender")) {
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
    r.items.reserve(count_children(node, "ItemOut"));
    r.operation =
        enum_attr(node, "operation", punch_out_operation_names, PunchOutOperation::create, true);
    if (!node.child("BuyerCookie"))
        deviate(node, "<PunchOutSetupRequest> has no <BuyerCookie>");
    each_child(node,
               {"BuyerCookie", "Extrinsic", "BrowserFormPost", "Contact", "SupplierSetup", "ShipTo",
                "SelectedItem", "ItemOut"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "BuyerCookie"))
                       r.buyer_cookie = deep_text(c);
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, r.extrinsics.emplace_back());
                   else if (is(name, "BrowserFormPost"))
                       r.browser_form_post_url = url_in(c);
                   else if (is(name, "Contact"))
                       contact(c, r.contacts.emplace_back());
                   else if (is(name, "SupplierSetup"))
                       r.supplier_setup_url = url_in(c);
                   else if (is(name, "ShipTo"))
                       ship_to(c, r.ship_to.emplace());
                   else if (is(name, "SelectedItem")) {
                       const pugi::xml_node id = c.child("ItemID");
                       if (require(c, id, "ItemID"))
                           item_id(id, r.selected_item);
                   } else if (is(name, "ItemOut")) {
                       item_out(c, r.items.emplace_back());
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
    m.items.reserve(count_children(node, "ItemIn"));
    const pugi::xml_node header = node.child("PunchOutOrderMessageHeader");
    if (!require(node, header, "PunchOutOrderMessageHeader"))
        return m;
    if (!node.child("BuyerCookie"))
        deviate(node, "<PunchOutOrderMessage> has no <BuyerCookie>");
    each_child(
        node, {"BuyerCookie", "PunchOutOrderMessageHeader", "ItemIn"},
        [&](std::string_view name, pugi::xml_node c) {
            if (is(name, "BuyerCookie")) {
                m.buyer_cookie = deep_text(c);
            } else if (is(name, "PunchOutOrderMessageHeader")) {
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
                        if (is(n, "Total"))
                            money_in(e, h.total);
                        else if (is(n, "ShipTo"))
                            ship_to(e, h.ship_to.emplace());
                        else if (is(n, "Shipping"))
                            h.shipping = shipping(e);
                        else if (is(n, "Tax"))
                            tax(e, h.tax.emplace());
                        else if (is(n, "SupplierOrderInfo"))
                            h.supplier_order_info = supplier_order_info(e);
                    });
            } else if (is(name, "ItemIn")) {
                read_item_in(c, m.items.emplace_back());
            }
        });
    return m;
}

ControlKeys Reader::control_keys(pugi::xml_node node) {
    ControlKeys k;
    // InvoiceInstruction and SESInstruction concern documents we do not send yet.
    each_child(node, {"OCInstruction", "ASNInstruction", "InvoiceInstruction", "SESInstruction"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "OCInstruction")) {
                       k.confirmation = enum_attr(c, "value", confirmation_instruction_names,
                                                  ConfirmationInstruction::allowed, true);
                   } else if (is(name, "ASNInstruction")) {
                       k.ship_notice = enum_attr(c, "value", ship_notice_instruction_names,
                                                 ShipNoticeInstruction::allowed, true);
                   }
               });
    return k;
}

OrderRequest Reader::order_request(pugi::xml_node node) {
    OrderRequest o;
    o.items.reserve(count_children(node, "ItemOut"));
    const pugi::xml_node header = node.child("OrderRequestHeader");
    if (!require(node, header, "OrderRequestHeader"))
        return o;
    if (!node.child("ItemOut"))
        deviate(node, "<OrderRequest> has no <ItemOut>");
    each_child(
        node, {"OrderRequestHeader", "ItemOut"}, [&](std::string_view name, pugi::xml_node c) {
            if (is(name, "ItemOut")) {
                item_out(c, o.items.emplace_back());
                return;
            }
            auto& h = o.header;
            set_attr(h.order_id, c, "orderID");
            if (!has_attr(c, "orderID")) {
                fail(ParseErrorKind::invalid_structure, 400, c,
                     "<OrderRequestHeader> has no orderID attribute");
            }
            h.order_date = required_date(c, "orderDate");
            h.type = enum_attr(c, "type", document_operation_names, DocumentOperation::new_, false);
            set_attr(h.order_type, c, "orderType");
            set_attr(h.order_version, c, "orderVersion");
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
                           if (is(n, "Total"))
                               money_in(e, h.total);
                           else if (is(n, "ShipTo"))
                               ship_to(e, h.ship_to.emplace());
                           else if (is(n, "BillTo"))
                               bill_to(e, h.bill_to);
                           else if (is(n, "Shipping"))
                               h.shipping = shipping(e);
                           else if (is(n, "Tax"))
                               tax(e, h.tax.emplace());
                           else if (is(n, "Payment")) {
                               const pugi::xml_node card = e.child("PCard");
                               if (card) {
                                   h.pcard = PCard{attr(card, "number"), attr(card, "expiration"),
                                                   attr(card, "name")};
                               } else {
                                   deviate(e, "<Payment> without <PCard> is not modelled; ignored");
                               }
                           } else if (is(n, "Contact"))
                               contact(e, h.contacts.emplace_back());
                           else if (is(n, "Comments"))
                               h.comments.push_back(comments(e));
                           else if (is(n, "ControlKeys"))
                               h.control_keys = control_keys(e);
                           else if (is(n, "DocumentReference"))
                               h.document_reference = document_reference(e);
                           else if (is(n, "SupplierOrderInfo"))
                               h.supplier_order_info = supplier_order_info(e);
                           else if (is(n, "Extrinsic"))
                               extrinsic(e, h.extrinsics.emplace_back());
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
                   if (is(name, "UnitOfMeasure"))
                       set_text(s.unit_of_measure, c);
                   else if (is(name, "ItemIn")) {
                       ItemIn item;
                       read_item_in(c, item);
                       s.item_in = std::move(item);
                   } else if (is(name, "UnitPrice"))
                       money_in(c, s.unit_price);
                   else if (is(name, "Tax"))
                       tax(c, s.tax.emplace());
                   else if (is(name, "Shipping"))
                       s.shipping = shipping(c);
                   else if (is(name, "Comments"))
                       s.comments.push_back(comments(c));
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, s.extrinsics.emplace_back());
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
                   if (is(name, "ConfirmationHeader")) {
                       auto& h = r.header;
                       set_attr(h.confirm_id, c, "confirmID");
                       h.operation = enum_attr(c, "operation", document_operation_names,
                                               DocumentOperation::new_, false);
                       h.type = enum_attr(c, "type", confirmation_type_names,
                                          ConfirmationType::accept, true);
                       h.notice_date = required_date(c, "noticeDate");
                       set_attr(h.invoice_id, c, "invoiceID");
                       each_child(c,
                                  {"DocumentReference", "Total", "Shipping", "Tax", "Contact",
                                   "Hazard", "Comments", "IdReference", "Extrinsic"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (is(n, "DocumentReference"))
                                          h.document_reference = document_reference(e);
                                      else if (is(n, "Total"))
                                          money_in(e, h.total);
                                      else if (is(n, "Shipping"))
                                          h.shipping = shipping(e);
                                      else if (is(n, "Tax"))
                                          tax(e, h.tax.emplace());
                                      else if (is(n, "Contact"))
                                          contact(e, h.contacts.emplace_back());
                                      else if (is(n, "Comments"))
                                          h.comments.push_back(comments(e));
                                      else if (is(n, "Extrinsic"))
                                          extrinsic(e, h.extrinsics.emplace_back());
                                  });
                   } else if (is(name, "OrderReference")) {
                       r.order_reference = order_reference(c);
                   } else if (is(name, "ConfirmationItem")) {
                       ConfirmationItem item;
                       item.quantity = required_decimal(c, "quantity");
                       item.line_number = required_uint(c, "lineNumber");
                       each_child(c, {"UnitOfMeasure", "Contact", "Hazard", "ConfirmationStatus"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (is(n, "UnitOfMeasure"))
                                          set_text(item.unit_of_measure, e);
                                      else if (is(n, "Contact"))
                                          contact(e, item.contacts.emplace_back());
                                      else if (is(n, "ConfirmationStatus"))
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
            if (is(name, "ShipNoticeHeader")) {
                auto& h = r.header;
                set_attr(h.shipment_id, c, "shipmentID");
                h.operation = enum_attr(c, "operation", document_operation_names,
                                        DocumentOperation::new_, false);
                h.notice_date = required_date(c, "noticeDate");
                h.shipment_date = optional_date(c, "shipmentDate");
                h.delivery_date = optional_date(c, "deliveryDate");
                set_attr(h.shipment_type, c, "shipmentType");
                each_child(c,
                           {"ServiceLevel", "DocumentReference", "Contact", "LegalEntity",
                            "OrganizationalUnit", "Hazard", "Comments", "TermsOfDelivery",
                            "TermsOfTransport", "Packaging", "Extrinsic", "IdReference",
                            "ReferenceDocumentInfo"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (is(n, "DocumentReference"))
                                   h.document_reference = document_reference(e);
                               else if (is(n, "Contact"))
                                   contact(e, h.contacts.emplace_back());
                               else if (is(n, "Comments"))
                                   h.comments.push_back(comments(e));
                               else if (is(n, "Extrinsic"))
                                   extrinsic(e, h.extrinsics.emplace_back());
                           });
            } else if (is(name, "ShipControl")) {
                ShipControl sc;
                sc.start_date = optional_date(c, "startDate");
                each_child(
                    c,
                    {"CarrierIdentifier", "ShipmentIdentifier", "PackageIdentification", "Route",
                     "TransportInformation", "Contact", "Comments", "Extrinsic"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (is(n, "CarrierIdentifier")) {
                            sc.carriers.push_back(CarrierIdentifier{attr(e, "domain"), text(e)});
                        } else if (is(n, "ShipmentIdentifier")) {
                            sc.shipment_identifiers.push_back(ShipmentIdentifier{
                                text(e), attr(e, "domain"), attr(e, "trackingURL")});
                        }
                    });
                r.controls.push_back(std::move(sc));
            } else if (is(name, "ShipNoticePortion")) {
                ShipNoticePortion p;
                each_child(
                    c,
                    {"OrderReference", "MasterAgreementReference", "MasterAgreementIDInfo",
                     "Contact", "Comments", "Extrinsic", "ShipNoticeItem", "ReferenceDocumentInfo"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (is(n, "OrderReference"))
                            p.order_reference = order_reference(e);
                        else if (is(n, "Contact"))
                            contact(e, p.contacts.emplace_back());
                        else if (is(n, "Comments"))
                            p.comments.push_back(comments(e));
                        else if (is(n, "Extrinsic"))
                            extrinsic(e, p.extrinsics.emplace_back());
                        else if (is(n, "ShipNoticeItem")) {
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
                                    if (is(k, "ItemID"))
                                        item_id(f, item.item_id);
                                    else if (is(k, "UnitOfMeasure"))
                                        set_text(item.unit_of_measure, f);
                                    else if (is(k, "Comments"))
                                        item.comments.push_back(comments(f));
                                    else if (is(k, "Extrinsic"))
                                        extrinsic(f, item.extrinsics.emplace_back());
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
                   if (is(name, "DocumentReference"))
                       r.document_reference = document_reference(c);
                   else if (is(name, "Status"))
                       r.status = status(c);
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, r.extrinsics.emplace_back());
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
            if (is(name, "OrderStatusRequestHeader")) {
                auto& h = r.header;
                set_attr(h.request_id, c, "orderStatusRequestID");
                h.request_date = required_date(c, "orderStatusRequestDate");
                each_child(c, {"OrderReference", "OrderIDInfo", "Contact", "Comments", "Extrinsic"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (is(n, "OrderReference"))
                                   h.order_reference = order_reference(e);
                               else if (is(n, "OrderIDInfo"))
                                   h.order_reference = order_id_info(e);
                               else if (is(n, "Contact"))
                                   contact(e, h.contacts.emplace_back());
                               else if (is(n, "Comments"))
                                   h.comments = comments(e);
                               else if (is(n, "Extrinsic"))
                                   extrinsic(e, h.extrinsics.emplace_back());
                           });
            } else {
                OrderStatusRequestItem item;
                each_child(c, {"ItemReference", "Comments", "Priority"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (is(n, "Comments")) {
                                   item.comments = comments(e);
                                   return;
                               }
                               if (!is(n, "ItemReference"))
                                   return;
                               item.line_number = required_uint(e, "lineNumber");
                               each_child(
                                   e, {"ItemID", "IdReference", "Classification", "Description"},
                                   [&](std::string_view k, pugi::xml_node f) {
                                       if (is(k, "ItemID"))
                                           item_id(f, item.item_id);
                                       else if (is(k, "Description"))
                                           description(f, item.description);
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
                   if (is(name, "UnitOfMeasure"))
                       set_text(item.unit_of_measure, c);
                   else if (is(name, "UnitPrice"))
                       money_in(c, item.unit_price);
                   else if (is(name, "PriceBasisQuantity"))
                       item.price_basis_quantity = price_basis_quantity(c);
                   else if (is(name, "InvoiceDetailItemReference")) {
                       auto& ref = item.reference;
                       ref.line_number = required_uint(c, "lineNumber");
                       each_child(c,
                                  {"ItemID", "Description", "Classification", "ManufacturerPartID",
                                   "ManufacturerName", "Country", "SerialNumber", "SupplierBatchID",
                                   "InvoiceDetailItemReferenceIndustry"},
                                  [&](std::string_view n, pugi::xml_node e) {
                                      if (is(n, "ItemID"))
                                          item_id(e, ref.item_id);
                                      else if (is(n, "Description"))
                                          description(e, ref.description);
                                      else if (is(n, "Classification"))
                                          classification(e, ref.classifications.emplace_back());
                                  });
                   } else if (is(name, "SubtotalAmount"))
                       money_in(c, item.subtotal_amount);
                   else if (is(name, "Tax"))
                       tax(c, item.tax.emplace());
                   else if (is(name, "GrossAmount"))
                       money_in(c, item.gross_amount);
                   else if (is(name, "NetAmount"))
                       money_in(c, item.net_amount);
                   else if (is(name, "Comments"))
                       item.comments = comments(c);
                   else if (is(name, "Extrinsic"))
                       extrinsic(c, item.extrinsics.emplace_back());
               });
    return item;
}

InvoiceDetailOrderInfo Reader::invoice_detail_order_info(pugi::xml_node e) {
    InvoiceDetailOrderInfo info;
    each_child(e,
               {"OrderReference", "MasterAgreementReference", "MasterAgreementIDInfo",
                "SupplierOrderInfo", "OrderIDInfo"},
               [&](std::string_view k, pugi::xml_node f) {
                   if (is(k, "OrderReference")) {
                       info.order_reference = order_reference(f);
                   } else if (is(k, "OrderIDInfo")) {
                       info.order_reference = order_id_info(f);
                   } else if (is(k, "MasterAgreementReference")) {
                       MasterAgreementReference m;
                       set_attr(m.agreement_id, f, "agreementID");
                       m.agreement_date = optional_date(f, "agreementDate");
                       if (auto ref = f.child("DocumentReference")) {
                           m.document_payload_id = document_reference(ref);
                       }
                       info.master_agreement = std::move(m);
                   } else if (is(k, "SupplierOrderInfo")) {
                       info.supplier_order_info = supplier_order_info(f);
                   }
               });
    return info;
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
            if (is(name, "InvoiceDetailRequestHeader")) {
                auto& h = r.header;
                set_attr(h.invoice_id, c, "invoiceID");
                h.purpose =
                    enum_attr(c, "purpose", invoice_purpose_names, InvoicePurpose::standard, false);
                h.operation = enum_attr(c, "operation", document_operation_names,
                                        DocumentOperation::new_, false);
                h.invoice_date = required_date(c, "invoiceDate");
                if (c.attribute("invoiceOrigin"))
                    h.invoice_origin = enum_attr(c, "invoiceOrigin", invoice_origin_names,
                                                 InvoiceOrigin::unspecified, false);
                each_child(
                    c,
                    {"InvoiceDetailHeaderIndicator", "InvoiceDetailLineIndicator", "InvoicePartner",
                     "DocumentReference", "InvoiceIDInfo", "PaymentProposalIDInfo",
                     "InvoiceDetailShipping", "ShipNoticeIDInfo", "InvoiceDetailPaymentTerm",
                     "PaymentTerm", "PaymentInformation", "Period", "Comments", "IdReference",
                     "Extrinsic"},
                    [&](std::string_view n, pugi::xml_node e) {
                        if (is(n, "InvoiceDetailHeaderIndicator")) {
                            h.is_header_invoice = yes_attr(e, "isHeaderInvoice");
                        } else if (is(n, "InvoiceDetailLineIndicator")) {
                            h.is_tax_in_line = yes_attr(e, "isTaxInLine");
                            h.is_special_handling_in_line = yes_attr(e, "isSpecialHandlingInLine");
                            h.is_shipping_in_line = yes_attr(e, "isShippingInLine");
                            h.is_discount_in_line = yes_attr(e, "isDiscountInLine");
                            h.is_accounting_in_line = yes_attr(e, "isAccountingInLine");
                        } else if (is(n, "InvoicePartner")) {
                            InvoicePartner partner;
                            each_child(e, {"Contact", "IdReference"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (is(k, "Contact"))
                                               contact(f, partner.contact);
                                           else
                                               partner.id_references.push_back(IdReference{
                                                   attr(f, "domain"), attr(f, "identifier")});
                                       });
                            h.partners.push_back(std::move(partner));
                        } else if (is(n, "DocumentReference")) {
                            h.document_reference = document_reference(e);
                        } else if (is(n, "InvoiceIDInfo")) {
                            InvoiceIdInfo info;
                            set_attr(info.invoice_id, e, "invoiceID");
                            info.invoice_date = optional_date(e, "invoiceDate");
                            h.invoice_id_info = std::move(info);
                        } else if (is(n, "InvoiceDetailShipping")) {
                            h.shipping_date = optional_date(e, "shippingDate");
                            each_child(e,
                                       {"Contact", "CarrierIdentifier", "ShipmentIdentifier",
                                        "DocumentReference"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (is(k, "Contact"))
                                               contact(f, h.shipping_contacts.emplace_back());
                                       });
                        } else if (is(n, "PaymentTerm")) {
                            PaymentTerm term;
                            term.pay_in_number_of_days = required_uint(e, "payInNumberOfDays");
                            each_child(e, {"Discount", "Extrinsic"},
                                       [&](std::string_view k, pugi::xml_node f) {
                                           if (is(k, "Extrinsic")) {
                                               extrinsic(f, term.extrinsics.emplace_back());
                                               return;
                                           }
                                           if (auto pct = f.child("DiscountPercent")) {
                                               term.discount_percent =
                                                   required_decimal(pct, "percent");
                                           } else if (auto amt = f.child("DiscountAmount")) {
                                               money_in(amt, term.discount_amount);
                                           }
                                       });
                            h.payment_terms.push_back(std::move(term));
                        } else if (is(n, "Comments")) {
                            h.comments = comments(e);
                        } else if (is(n, "Extrinsic")) {
                            extrinsic(e, h.extrinsics.emplace_back());
                        }
                    });
            } else if (is(name, "InvoiceDetailOrder")) {
                InvoiceDetailOrder order;
                each_child(c,
                           {"InvoiceDetailOrderInfo", "InvoiceDetailReceiptInfo",
                            "InvoiceDetailShipNoticeInfo", "InvoiceDetailItem",
                            "InvoiceDetailServiceItem"},
                           [&](std::string_view n, pugi::xml_node e) {
                               if (is(n, "InvoiceDetailItem")) {
                                   order.items.push_back(invoice_detail_item(e));
                               } else if (is(n, "InvoiceDetailServiceItem")) {
                                   deviate(e,
                                           "<InvoiceDetailServiceItem> is not modelled; ignored");
                               } else if (is(n, "InvoiceDetailOrderInfo")) {
                                   order.info = invoice_detail_order_info(e);
                               }
                           });
                r.orders.push_back(std::move(order));
            } else if (is(name, "InvoiceDetailHeaderOrder")) {
                InvoiceDetailHeaderOrder order;
                if (auto info = c.child("InvoiceDetailOrderInfo"))
                    order.info = invoice_detail_order_info(info);
                if (auto sum = c.child("InvoiceDetailOrderSummary")) {
                    order.invoice_line_number = required_uint(sum, "invoiceLineNumber");
                    money_in(sum.child("SubtotalAmount"), order.subtotal_amount);
                    if (auto t = sum.child("Tax"))
                        tax(t, order.tax.emplace());
                    if (auto g = sum.child("GrossAmount"))
                        money_in(g, order.gross_amount);
                    if (auto n = sum.child("NetAmount"))
                        money_in(n, order.net_amount);
                    if (auto cm = sum.child("Comments"))
                        order.comments = comments(cm);
                }
                r.header_orders.push_back(std::move(order));
            } else if (is(name, "InvoiceDetailSummary")) {
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
                               if (is(n, "SubtotalAmount"))
                                   money_in(e, s.subtotal_amount);
                               else if (is(n, "Tax"))
                                   tax(e, s.tax);
                               else if (is(n, "SpecialHandlingAmount"))
                                   money_in(e, s.special_handling_amount);
                               else if (is(n, "ShippingAmount"))
                                   money_in(e, s.shipping_amount);
                               else if (is(n, "GrossAmount"))
                                   money_in(e, s.gross_amount);
                               else if (is(n, "InvoiceDetailDiscount"))
                                   money_in(e, s.discount_amount);
                               else if (is(n, "NetAmount"))
                                   money_in(e, s.net_amount);
                               else if (is(n, "DueAmount"))
                                   money_in(e, s.due_amount);
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
        if (is(name, "Option")) {
            p.options.push_back(ProfileOption{attr(c, "name"), text(c)});
            return;
        }
        ProfileTransaction t;
        set_attr(t.request_name, c, "requestName");
        each_child(c, {"URL", "Option"}, [&](std::string_view n, pugi::xml_node e) {
            if (is(n, "URL"))
                set_text(t.url, e);
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
    bool seen = false;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        if (seen) {
            deviate(c, "second request element " + element_ref(c) + " in <Request> ignored");
            visit(c, [] {});
            continue;
        }
        seen = true;
        visit(c, [&] { request_payload(c, r); });
    }
    iterated_ = node.internal_object();
    if (!seen)
        fail(ParseErrorKind::invalid_structure, 400, node, "<Request> is empty");
}

void Reader::request_payload(pugi::xml_node payload, Request& r) {
    const std::string_view name = payload.name();
    if (is(name, "ProfileRequest"))
        r.payload = ProfileRequest{};
    else if (is(name, "PunchOutSetupRequest"))
        r.payload = punch_out_setup_request(payload);
    else if (is(name, "OrderRequest"))
        r.payload = order_request(payload);
    else if (is(name, "ConfirmationRequest"))
        r.payload = confirmation_request(payload);
    else if (is(name, "ShipNoticeRequest"))
        r.payload = ship_notice_request(payload);
    else if (is(name, "StatusUpdateRequest"))
        r.payload = status_update_request(payload);
    else if (is(name, "OrderStatusRequest"))
        r.payload = order_status_request(payload);
    else if (is(name, "InvoiceDetailRequest"))
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
        if (!is(name, "Status") && !contains(known_responses, name)) {
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
                   if (!is(name, "Status") && !payload)
                       payload = c;
               });
    ResponsePayload body;
    if (payload) {
        const std::string_view name = payload.name();
        if (is(name, "ProfileResponse"))
            body = profile_response(payload);
        else if (is(name, "PunchOutSetupResponse"))
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
    set_attr(m.in_reply_to, node, "inReplyTo");
    bool seen = false;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        if (std::strcmp(c.name(), "Status") == 0) {
            visit(c, [&] { m.status = status(c); });
        } else if (!seen) {
            seen = true;
            visit(c, [&] { message_payload(c, m); });
        } else {
            deviate(c, "second message element " + element_ref(c) + " in <Message> ignored");
            visit(c, [] {});
        }
    }
    iterated_ = node.internal_object();
    if (!seen)
        fail(ParseErrorKind::invalid_structure, 400, node, "<Message> is empty");
}

void Reader::message_payload(pugi::xml_node payload, Message& m) {
    const std::string_view name = payload.name();
    if (is(name, "PunchOutOrderMessage"))
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
    set_attr(doc.payload_id, root, "payloadID");
    set_attr(doc.version, root, "version");
    set_attr(doc.lang, root, "xml:lang");
    if (const pugi::xml_attribute stamp = root.attribute("timestamp")) {
        const std::string_view text = trim(stamp.value());
        doc.timestamp = DateTime::parse(text);
        if (!doc.timestamp.valid()) {
            deviate(root,
                    "timestamp " + quoted(text) + " is not a date we understand; kept as text");
        } else if (!doc.timestamp.time->zone_given()) {
            deviate(root, "timestamp " + quoted(text) + " has no time zone; read as UTC");
        } else if (!is_iso_date(text)) {
            deviate(root, "timestamp " + quoted(text) + " is not ISO 8601; read as " +
                              doc.timestamp.time->format());
        }
    } else {
        deviate(root, "<cXML> has no timestamp attribute");
    }

    // Header and body are read inside the walk, so their depth is checked as they are read.
    pugi::xml_node header_node;
    pugi::xml_node body_node;
    Header header_read;
    each_child(root, {"Header", "Message", "Request", "Response", "ds:Signature"},
               [&](std::string_view name, pugi::xml_node c) {
                   if (is(name, "Header")) {
                       header_node = c;
                       header(c, header_read);
                   } else if (is(name, "ds:Signature")) {
                       return;
                   } else if (body_node) {
                       deviate(c, "second body element " + element_ref(c) + " ignored");
                   } else {
                       body_node = c;
                       if (is(name, "Response")) {
                           Response r;
                           response(c, r);
                           doc.body = std::move(r);
                       } else if (is(name, "Request")) {
                           Request r;
                           request(c, r);
                           doc.body = std::move(r);
                       } else {
                           Message m;
                           message(c, m);
                           doc.body = std::move(m);
                       }
                   }
               });
    if (!body_node) {
        fail(ParseErrorKind::invalid_structure, 400, root,
             "<cXML> has no <Request>, <Response> or <Message>");
        return;
    }
    const std::string_view body = body_node.name();
    if (is(body, "Response")) {
        if (header_node)
            deviate(header_node, "<Header> in a Response ignored");
        return;
    }
    if (!header_node) {
        fail(ParseErrorKind::invalid_structure, 400, root,
             "<cXML> has no <Header> (a " + std::string(body) + " needs one)", "Header");
        return;
    }
    doc.header = std::move(header_read);
}

}  // namespace punchout::cxml::detail
