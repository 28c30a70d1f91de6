#include "gateway/storefront/cart_transfer.hpp"

#include "cxml/cart_transport.hpp"
#include "cxml/oci_cart.hpp"
#include "cxml/write.hpp"
#include "gateway/service/build_info.hpp"
#include "gateway/service/tokens.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/service/url_policy.hpp"
#include "gateway/storefront/cart_page.hpp"
#include "gateway/storefront/cart_view.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/html_writer.hpp"
#include "gateway/storefront/oci_cart_items.hpp"

namespace punchout::gateway::storefront {
namespace {

using catalog::SessionOperation;
using catalog::TransferKind;

MessageParties parties_for(const ShopContext& shop) {
    MessageParties p;
    // load_config refuses to start without a supplier credential.
    const auto& us = shop.config.supplier.credentials.front();
    p.from.domain = us.first;
    p.from.identity = us.second;
    const auto& them = shop.session.buyer_credential;
    if (!them.domain.empty()) {
        p.to.domain = them.domain;
        p.to.identity = them.identity;
    } else if (!shop.buyer.credentials.empty()) {
        p.to.domain = shop.buyer.credentials.front().domain;
        p.to.identity = shop.buyer.credentials.front().identity;
    }
    p.user_agent = std::string(product_version());
    const auto url = Url::parse(shop.config.public_url);
    p.host = url ? url->host : std::string("punchout-gateway");
    return p;
}

SessionOperation allowed_for(const ShopContext& shop) {
    if (shop.session.operation == SessionOperation::inspect)
        return SessionOperation::inspect;
    return catalog::parse_session_operation(shop.config.cart_operation_allowed)
        .value_or(SessionOperation::edit);
}

cxml::PunchOutOperation to_cxml(SessionOperation op) {
    switch (op) {
        case SessionOperation::create:
            return cxml::PunchOutOperation::create;
        case SessionOperation::inspect:
            return cxml::PunchOutOperation::inspect;
        case SessionOperation::edit:
            break;
    }
    return cxml::PunchOutOperation::edit;
}

bool oci_transport(const ShopContext& shop) {
    return shop.session.protocol == catalog::SessionProtocol::oci ||
           shop.buyer.cart_transport == catalog::CartTransport::oci;
}

const std::string* extrinsic(const catalog::PunchoutSession& s, std::string_view name) {
    for (const auto& [n, v] : s.extrinsics) {
        if (n == name)
            return &v;
    }
    return nullptr;
}

// A frame name for the form's target: OCI's ~TARGET when it is one, else _top (what the
// OCI specification says a catalog uses when none is given).
std::string oci_target(const catalog::PunchoutSession& s) {
    const auto& t = s.return_target;
    if (t.empty() || t.size() > 64)
        return "_top";
    for (const char c : t) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return "_top";
    }
    return t;
}

std::string urlencoded(const std::vector<cxml::FormField>& fields) {
    std::string out;
    for (const auto& f : fields) {
        if (!out.empty())
            out.push_back('&');
        out += percent_encode(f.name);
        out.push_back('=');
        out += percent_encode(f.value);
    }
    return out;
}

RenderedPage transfer_page(const ShopContext& shop, const std::vector<cxml::FormField>& fields,
                           std::string_view target, std::string_view nonce,
                           std::string_view summary) {
    RenderedPage page;
    std::size_t size = 8192;
    for (const auto& f : fields)
        size += f.name.size() + f.value.size() + f.value.size() / 8 + 64;
    HtmlWriter w(size);
    begin_plain_page(w, shop.config, "Returning your cart");
    {
        auto panel = w.scope("div", {{"class", "panel"}});
        w.element("h1", "Returning your cart");
        w.element("p", {{"role", "status"}}, summary);
        w.element("p",
                  "Your procurement system opens in a moment. If it does not, press the "
                  "button.");
        auto form = w.scope("form", {{"id", "transfer"},
                                     {"method", "post"},
                                     {"action", shop.session.return_url},
                                     {"accept-charset", "UTF-8"},
                                     Attr::optional("target", target)});
        for (const auto& f : fields) {
            w.empty("input", {{"type", "hidden"}, {"name", f.name}, {"value", f.value}});
        }
        w.element("button", {{"type", "submit"}, {"class", "large"}},
                  "Return to your procurement system now");
    }
    w.open("script", {{"nonce", nonce}});
    w.markup("document.getElementById(\"transfer\").submit();");
    w.close();
    page.html = finish_page(w);
    return page;
}

ActionResult send_back(catalog::Connection& conn, const ShopContext& shop, TransferKind kind,
                       const CartView* view) {
    const auto& url = shop.session.return_url;
    if (check_postback_url(url, shop.buyer) != PostbackCheck::allowed) {
        return ActionResult::show(notice_page(
            shop, http::status::bad_request, "The cart cannot be returned",
            "The address your procurement system gave for returning the cart is not one this "
            "store may send carts to. Please ask the supplier to check the punchout settings."));
    }
    const auto allowed = allowed_for(shop);
    const auto parties = parties_for(shop);
    CartMessage message;
    std::vector<MessageLine> cart_lines = view ? view->message_lines() : std::vector<MessageLine>{};
    if (kind == TransferKind::cart) {
        message =
            build_cart_message(shop.session, shop.buyer, parties, to_cxml(allowed), cart_lines);
    } else if (kind == TransferKind::original) {
        auto setup = original_request(shop.session);
        if (!setup) {
            // The stored request no longer reads: the lines of the cart are the best record of
            // what the buyer sent.
            message =
                build_cart_message(shop.session, shop.buyer, parties, to_cxml(allowed), cart_lines);
        } else {
            message = build_original_message(shop.session, shop.buyer, parties, to_cxml(allowed),
                                             *setup, cart_lines);
        }
    } else {
        message = build_cart_message(shop.session, shop.buyer, parties, to_cxml(allowed), {});
    }

    cxml::WriteOptions options;
    options.version = message_version(shop.session);
    std::vector<cxml::FormField> fields;
    std::string document;
    std::string target;
    if (oci_transport(shop)) {
        std::vector<cxml::OciItem> items;
        if (kind == TransferKind::cart) {
            items = oci_items_for(cart_lines, shop.buyer);
        } else if (kind == TransferKind::original) {
            const auto& poom = std::get<cxml::PunchOutOrderMessage>(
                std::get<cxml::Message>(message.document.body).payload);
            for (const auto& item : poom.items)
                items.push_back(cxml::oci_item_from(item));
        }
        auto form = cxml::encode_oci(items);
        fields = std::move(form.fields);
        // The OCI call's own parameters go back unchanged, as SAP's catalogs do.
        for (const char* name : {"~OkCode", "~TARGET", "~CALLER"}) {
            if (const auto* v = extrinsic(shop.session, name))
                fields.push_back({name, *v});
        }
        document = urlencoded(fields);
        target = oci_target(shop.session);
    } else {
        document = cxml::write(message.document, options);
        const auto encoding = shop.buyer.cart_transport == catalog::CartTransport::cxml_urlencoded
                                  ? cxml::CartEncoding::urlencoded
                                  : cxml::CartEncoding::base64;
        fields.push_back(cxml::cart_field(message.document, encoding, options));
    }

    catalog::CartTransfer transfer;
    transfer.session_id = shop.session.id;
    transfer.buyer = shop.buyer.key;
    transfer.payload_id = message.document.payload_id;
    transfer.kind = kind;
    transfer.operation_allowed = allowed;
    transfer.currency = message.currency;
    transfer.total = message.total;
    transfer.document = std::move(document);
    transfer.created_at = shop.now;
    transfer.lines = message.transferred;
    if (auto r = catalog::record_transfer(conn, transfer); !r) {
        return ActionResult::show(failure_page(shop, r.error(), "transfer"));
    }

    const auto count =
        std::get<cxml::PunchOutOrderMessage>(std::get<cxml::Message>(message.document.body).payload)
            .items.size();
    std::string summary;
    if (count == 0) {
        summary = "Your procurement system gets an empty cart.";
    } else {
        summary = std::to_string(count) + (count == 1 ? " line, " : " lines, ") + "total " +
                  format_money(message.total, message.currency) + ".";
    }
    ActionResult result;
    result.script_nonce = random_key();
    result.form_origin = origin_of(url);
    result.page = transfer_page(shop, fields, target, result.script_nonce, summary);
    result.log_fields.emplace_back("transfer", std::string(catalog::to_string(kind)));
    result.log_fields.emplace_back("lines", std::to_string(count));
    result.log_fields.emplace_back("payload_id", message.document.payload_id);
    return result;
}

}  // namespace

ActionResult transfer_cart(catalog::Connection& conn, const ShopContext& shop,
                           const std::vector<catalog::CartLine>& lines) {
    auto view = load_cart_view(conn, shop, lines);
    if (!view) {
        return ActionResult::show(failure_page(shop, view.error(), "transfer"));
    }
    if (shop.read_only())
        return send_back(conn, shop, TransferKind::original, &*view);
    if (lines.empty()) {
        return ActionResult::show(render_cart_page(
            conn, shop, lines, {}, "The cart is empty. To leave without a cart, use Cancel."));
    }
    if (!view->problems.empty()) {
        std::string text = "The cart cannot be returned yet: ";
        for (const auto& p : view->problems)
            text += p + " ";
        return ActionResult::show(render_cart_page(conn, shop, lines, {}, text));
    }
    return send_back(conn, shop, TransferKind::cart, &*view);
}

ActionResult cancel_session(catalog::Connection& conn, const ShopContext& shop,
                            const std::vector<catalog::CartLine>& lines, const FormData& form) {
    const auto op = shop.session.operation;
    if (op == SessionOperation::create || shop.session.protocol == catalog::SessionProtocol::oci) {
        return send_back(conn, shop, TransferKind::cancel, nullptr);
    }
    auto view = load_cart_view(conn, shop, lines);
    if (!view) {
        return ActionResult::show(failure_page(shop, view.error(), "cancel"));
    }
    if (op == SessionOperation::edit && form.get("empty") == "1") {
        if (form.get("confirm") != "yes") {
            return ActionResult::show(render_cancel_page(
                shop,
                "Tick the box to confirm that every line is to be removed from the "
                "requisition, or choose \xE2\x80\x9CLeave without changes\xE2\x80\x9D."));
        }
        return send_back(conn, shop, TransferKind::cancel, nullptr);
    }
    return send_back(conn, shop, TransferKind::original, &*view);
}

}  // namespace punchout::gateway::storefront
