#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/order_status.hpp"
#include "catalog/outbox.hpp"
#include "catalog/price.hpp"
#include "catalog/session.hpp"
#include "tests/catalog/support.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

using namespace punchout::catalog;

namespace {

// Every value has its own word, and the word reads back as the value.
template <class E, class Parse>
void round_trips(std::initializer_list<E> values, Parse parse) {
    std::set<std::string> words;
    for (auto v : values) {
        const std::string word(to_string(v));
        INFO(word);
        CHECK(words.insert(word).second);
        auto back = parse(word);
        REQUIRE(back);
        CHECK(*back == v);
    }
    CHECK_FALSE(parse("no-such-word"));
}

}  // namespace

TEST_CASE("each stored state has one word and reads back from it", "[names]") {
    round_trips({OrderStatus::received, OrderStatus::confirmed, OrderStatus::backordered,
                 OrderStatus::rejected, OrderStatus::partially_shipped, OrderStatus::shipped,
                 OrderStatus::invoiced, OrderStatus::cancelled},
                parse_order_status);
    round_trips({DeploymentMode::production, DeploymentMode::test}, parse_deployment_mode);
    round_trips(
        {DifferenceKind::price_drift, DifferenceKind::contract_price, DifferenceKind::uom_changed,
         DifferenceKind::quantity_scaled, DifferenceKind::currency_changed,
         DifferenceKind::sku_changed, DifferenceKind::description_truncated},
        parse_difference_kind);
    round_trips({ConfirmationType::accept, ConfirmationType::reject, ConfirmationType::all_detail},
                parse_confirmation_type);
    round_trips({LineStatus::accept, LineStatus::backordered, LineStatus::reject},
                parse_line_status);
    round_trips({PriceSource::contract_tier, PriceSource::contract, PriceSource::list,
                 PriceSource::as_sent},
                parse_price_source);
    round_trips({CartLineOrigin::added, CartLineOrigin::edit}, parse_cart_line_origin);
    round_trips({CartLineFlag::none, CartLineFlag::unknown_part, CartLineFlag::foreign_token},
                parse_cart_line_flag);
    round_trips({TransferKind::cart, TransferKind::cancel, TransferKind::original},
                parse_transfer_kind);
    round_trips({SessionProtocol::cxml, SessionProtocol::oci}, parse_session_protocol);
    round_trips({SessionOperation::create, SessionOperation::edit, SessionOperation::inspect},
                parse_session_operation);
    round_trips({SessionState::open, SessionState::transferred, SessionState::cancelled},
                parse_session_state);
    round_trips({CartTransport::cxml_base64, CartTransport::cxml_urlencoded, CartTransport::oci},
                parse_cart_transport);
    round_trips({OrderPolicy::accept_and_flag, OrderPolicy::reject}, parse_order_policy);
    round_trips({OutboxStatus::pending, OutboxStatus::delivered, OutboxStatus::failed},
                parse_outbox_status);
}

TEST_CASE("the words are the ones the documentation and stored rows use", "[names]") {
    // The cart line's price source was documented as "buyer" while the code wrote
    // "as-sent"; rows in existing databases say "as-sent".
    CHECK(to_string(PriceSource::as_sent) == "as-sent");
    CHECK(to_string(OrderStatus::partially_shipped) == "partially-shipped");
    CHECK(to_string(ConfirmationType::all_detail) == "allDetail");
    CHECK(to_string(CartLineFlag::none).empty());
}

TEST_CASE("one table says what may happen to an order in each status", "[names][order_status]") {
    struct Row {
        OrderStatus s;
        bool confirm, ship, invoice, update, cancel;
    };
    const Row expected[] = {
        {OrderStatus::received, true, false, false, true, true},
        {OrderStatus::confirmed, true, true, false, true, true},
        {OrderStatus::backordered, true, true, false, true, true},
        {OrderStatus::rejected, false, false, false, true, true},
        {OrderStatus::partially_shipped, true, true, true, false, true},
        {OrderStatus::shipped, false, false, true, false, true},
        {OrderStatus::invoiced, false, false, false, false, true},
        {OrderStatus::cancelled, false, false, false, false, false},
    };
    for (const auto& r : expected) {
        INFO(to_string(r.s));
        CHECK(may_confirm(r.s) == r.confirm);
        CHECK(may_ship(r.s) == r.ship);
        CHECK(may_invoice(r.s) == r.invoice);
        CHECK(may_update(r.s) == r.update);
        CHECK(may_cancel(r.s) == r.cancel);
    }
}

TEST_CASE("an empty text binds as empty text, not as NULL", "[names][statement]") {
    test::TempDir dir;
    auto db = Database::open(dir / "store.db");
    auto conn = db.connect();
    auto st = conn.prepare("SELECT ?1 IS NULL, ?1 = ''");
    st.bind(1, std::string_view());
    auto row = st.step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(st.int64(0) == 0);
    CHECK(st.int64(1) == 1);
}
