#include "gateway/service/session_opener.hpp"

#include "catalog/write_transaction.hpp"
#include "gateway/service/tokens.hpp"
#include "gateway/service/url_policy.hpp"

namespace punchout::gateway {

Outcome<OpenedSession> open_session(catalog::Connection& conn, const Config& config,
                                    const catalog::Buyer& buyer, NewSession request,
                                    catalog::Timestamp now) {
    auto& s = request.session;
    switch (check_postback_url(s.return_url, buyer)) {
        case PostbackCheck::allowed:
            break;
        case PostbackCheck::not_a_web_address:
            return Refusal::invalid(request.return_url_field + " '" + s.return_url +
                                    "' is not an http(s) URL; the cart could not be returned "
                                    "to it.");
        case PostbackCheck::host_not_allowed:
            return Refusal::invalid(request.return_url_field + " host '" +
                                    Url::parse(s.return_url)->authority() +
                                    "' is not one this buyer's carts may be sent to.");
    }
    s.buyer = buyer.key;
    s.start_key = random_key();
    s.session_key = random_key();
    s.csrf_token = random_key();
    s.created_at = now;
    s.start_expires_at = now + config.start_url_ttl;
    s.expires_at = now + config.session_ttl;

    constexpr std::string_view not_stored = "The session could not be stored";
    auto tx = catalog::WriteTransaction::begin(conn);
    if (!tx)
        return refusal_from(tx.error(), not_stored);
    auto stored = catalog::create_session(conn, s);
    if (!stored)
        return refusal_from(stored.error(), not_stored);
    for (const auto& line : request.lines) {
        if (auto r = catalog::add_cart_line(conn, stored->id, line); !r)
            return refusal_from(r.error(), "The cart could not be stored");
    }
    if (request.start_now) {
        auto started = catalog::start_session(conn, s.start_key, now);
        if (!started)
            return refusal_from(started.error(), not_stored);
    }
    if (auto r = tx->commit(); !r)
        return refusal_from(r.error(), not_stored);

    OpenedSession opened;
    opened.session = std::move(s);
    opened.session.id = stored->id;
    opened.lines = request.lines.size();
    opened.start_url = config.public_url + "/punchout/start/" + opened.session.start_key;
    return opened;
}

}  // namespace punchout::gateway
