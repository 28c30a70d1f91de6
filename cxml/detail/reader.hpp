#pragma once

#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/document.hpp"
#include "cxml/money.hpp"
#include "cxml/parse_error.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

// The typed reader: walks a pugixml tree into the cXML model, collecting deviations and
// the first error. Private to the cxml library.
namespace punchout::cxml::detail {

class Reader {
public:
    /// `input` is the whole original input (for line numbers); `base` is where the bytes
    /// handed to pugixml start within it (after a BOM).
    Reader(std::string_view input, std::size_t base, std::vector<Deviation>& deviations);

    bool failed() const noexcept { return error_.has_value(); }
    ParseError take_error() { return std::move(*error_); }

    /// Records the first error; later ones are dropped (the first is the cause), except that
    /// a too_deep error replaces any other.
    void fail(ParseErrorKind kind, unsigned status, pugi::xml_node at, std::string message,
              std::string element = {});
    /// Records a deviation (capped; the last one says how many more there were).
    void deviate(pugi::xml_node at, std::string message);
    /// Adds the "and N more" deviation when the cap was reached.
    void finish();

    Location locate(pugi::xml_node node) const;
    Location locate_offset(std::size_t offset) const;

    /// Nesting deeper than this is refused (413); checked as the tree is read.
    void set_max_depth(std::size_t max_depth) noexcept { max_depth_ = max_depth; }

    /// Reads the root element as a whole document, or as a bare ItemIn.
    void read_root(pugi::xml_node root, Document& doc);
    void read_root(pugi::xml_node root, ItemIn& item);

private:
    // --- primitives ---
    /// The trimmed text of the node's own character data (pcdata and CDATA children).
    std::string text(pugi::xml_node node) const;
    /// Assigns the trimmed text of the node to `out` (no temporary string).
    void set_text(std::string& out, pugi::xml_node node) const;
    /// The trimmed text as a view: into the document when it is one piece, else `scratch`.
    std::string_view text_view(pugi::xml_node node, std::string& scratch) const;
    /// Assigns the trimmed attribute value to `out`; leaves it alone when absent.
    static void set_attr(std::string& out, pugi::xml_node node, const char* name);
    /// The trimmed text of every descendant (for ANY content such as Extrinsic).
    std::string deep_text(pugi::xml_node node) const;
    /// The trimmed attribute value, empty when absent.
    static std::string attr(pugi::xml_node node, const char* name);
    static bool has_attr(pugi::xml_node node, const char* name);

    std::optional<Decimal> decimal_value(pugi::xml_node at, std::string_view text,
                                         std::string_view what);
    /// A required decimal attribute: missing or malformed fails with 400.
    Decimal required_decimal(pugi::xml_node node, const char* name);
    std::optional<Decimal> optional_decimal(pugi::xml_node node, const char* name);
    std::optional<std::uint32_t> optional_uint(pugi::xml_node node, const char* name);
    std::uint32_t required_uint(pugi::xml_node node, const char* name);
    /// A date attribute; text that is not a date is kept (with a deviation).
    std::optional<DateTime> optional_date(pugi::xml_node node, const char* name);
    DateTime required_date(pugi::xml_node node, const char* name);
    /// A date attribute value already looked up, with the deviations for odd forms.
    DateTime date_value(pugi::xml_node node, std::string_view name, std::string_view text);
    /// An unsigned integer attribute value already looked up.
    std::optional<std::uint32_t> uint_value(pugi::xml_node node, std::string_view name,
                                            std::string_view text);
    bool yes_attr(pugi::xml_node node, const char* name) const;

    /// `Money` element.
    void money(pugi::xml_node node, Money& out);
    void money(pugi::xml_node node, std::optional<Money>& out);
    /// The `Money` child of a wrapper such as Total or SubtotalAmount.
    void money_in(pugi::xml_node wrapper, Money& out);
    void money_in(pugi::xml_node wrapper, std::optional<Money>& out);

    template <class E, std::size_t N>
    E enum_attr(pugi::xml_node node, const char* name,
                const std::array<std::pair<E, std::string_view>, N>& table, E fallback,
                bool required);

    /// Calls f(name, child) for each element child, in order. Children not in `order` (the
    /// DTD's content model, as names) are reported as unknown and skipped; a child that
    /// comes before one it should follow is reported once per parent.
    template <class F>
    void each_child(pugi::xml_node parent, std::initializer_list<std::string_view> order, F&& f);

    /// Reads `child` (one level below the element being read) with `f`, refusing it when it
    /// is too deep; when `f` did not read its children with each_child, their depth is
    /// checked by a walk of the subtree. Every element of the tree passes through here or
    /// through such a walk, so the whole document is depth-checked in one pass.
    template <class F>
    void visit(pugi::xml_node child, F&& f);
    void check_subtree(pugi::xml_node node, std::size_t node_depth);
    void too_deep(pugi::xml_node at);

    void read_document(pugi::xml_node root, Document& doc);
    void read_item_in(pugi::xml_node node, ItemIn& item);

    // --- shared elements ---
    void extrinsic(pugi::xml_node node, Extrinsic& out);
    void description(pugi::xml_node node, Description& out);
    void description(pugi::xml_node node, std::optional<Description>& out);
    Comments comments(pugi::xml_node node);
    Phone phone(pugi::xml_node node);
    void postal_address(pugi::xml_node node, PostalAddress& out);
    void address(pugi::xml_node node, Address& out);
    void ship_to(pugi::xml_node node, ShipTo& out);
    void bill_to(pugi::xml_node node, Address& out);
    void contact(pugi::xml_node node, Contact& out);
    Shipping shipping(pugi::xml_node node);
    void tax(pugi::xml_node node, Tax& out);
    InvoiceDetailOrderInfo invoice_detail_order_info(pugi::xml_node node);
    TaxDetail tax_detail(pugi::xml_node node);
    void distribution(pugi::xml_node node, Distribution& out);
    void item_id(pugi::xml_node node, ItemId& out);
    void item_id(pugi::xml_node node, std::optional<ItemId>& out);
    void classification(pugi::xml_node node, Classification& out);
    PriceBasisQuantity price_basis_quantity(pugi::xml_node node);
    void item_detail(pugi::xml_node node, ItemDetail& out);
    void item_out(pugi::xml_node node, ItemOut& out);
    OrderReference order_reference(pugi::xml_node node);
    OrderReference order_id_info(pugi::xml_node node);
    SupplierOrderInfo supplier_order_info(pugi::xml_node node);
    std::string document_reference(pugi::xml_node node);
    std::string url_in(pugi::xml_node wrapper);
    Status status(pugi::xml_node node);
    Credential credential(pugi::xml_node node);
    void header(pugi::xml_node node, Header& h);

    // --- bodies ---
    void request(pugi::xml_node node, Request& r);
    void request_payload(pugi::xml_node payload, Request& r);
    void message_payload(pugi::xml_node payload, Message& m);
    void response(pugi::xml_node node, Response& r);
    void message(pugi::xml_node node, Message& m);
    PunchOutSetupRequest punch_out_setup_request(pugi::xml_node node);
    PunchOutSetupResponse punch_out_setup_response(pugi::xml_node node);
    PunchOutOrderMessage punch_out_order_message(pugi::xml_node node);
    ControlKeys control_keys(pugi::xml_node node);
    OrderRequest order_request(pugi::xml_node node);
    ConfirmationRequest confirmation_request(pugi::xml_node node);
    ConfirmationStatus confirmation_status(pugi::xml_node node);
    ShipNoticeRequest ship_notice_request(pugi::xml_node node);
    StatusUpdateRequest status_update_request(pugi::xml_node node);
    OrderStatusRequest order_status_request(pugi::xml_node node);
    InvoiceDetailRequest invoice_detail_request(pugi::xml_node node);
    InvoiceDetailItem invoice_detail_item(pugi::xml_node node);
    ProfileResponse profile_response(pugi::xml_node node);

    /// Fails with 400 when a required child is missing.
    bool require(pugi::xml_node parent, pugi::xml_node child, std::string_view name);

    std::string_view input_;
    std::size_t base_;
    std::vector<Deviation>& deviations_;
    std::size_t dropped_deviations_ = 0;
    std::optional<ParseError> error_;
    mutable std::vector<std::size_t> line_starts_;  // built on first use
    std::size_t max_depth_ = static_cast<std::size_t>(-1);
    std::size_t depth_ = 0;  // depth of the element being read
    // The last element whose children were all seen (by each_child, or a leaf read as
    // text): its subtree needs no separate depth walk.
    mutable const void* iterated_ = nullptr;
};

}  // namespace punchout::cxml::detail
