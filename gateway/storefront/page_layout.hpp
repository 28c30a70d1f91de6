#pragma once

#include "gateway/http/http_types.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/refusal.hpp"
#include "gateway/storefront/html_writer.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::gateway::storefront {

/// A page ready to send: its status and document.
struct RenderedPage {
    http::status status = http::status::ok;
    std::string html;
    /// Set when the store failed: the status comes from the refusal mapping, which also
    /// logs it with the request's reference id.
    std::optional<Refusal> refusal;
};

/// A session page with a heading, a paragraph and a link back to the catalog and the cart.
RenderedPage notice_page(const ShopContext& shop, http::status status, std::string_view title,
                         std::string_view text);

/// The page for a store failure met while `doing` something, without details for the
/// user (busy: "try again in a moment"); the refusal goes to the log with the request's
/// reference id, and its status comes from the refusal mapping.
RenderedPage failure_page(const ShopContext& shop, const catalog::Error& error,
                          std::string_view doing);

/// Starts a session page: the doctype, the head (title, stylesheet), a skip link, the header
/// (supplier name and logo, the search box with `search_text`, the cart with its line count,
/// who is shopping), banners for test mode and edit/inspect sessions; leaves <main> open.
void begin_page(HtmlWriter& w, const ShopContext& shop, std::string_view title,
                std::string_view search_text = {});

/// Starts a page without a session (a message such as "this link was used"): the header
/// names the supplier only.
void begin_plain_page(HtmlWriter& w, const Config& config, std::string_view title);

/// Closes <main>, writes the footer and returns the document.
std::string finish_page(HtmlWriter& w);

/// A whole page without a session: a heading, paragraphs of text, nothing else.
std::string message_page(const Config& config, std::string_view title,
                         std::initializer_list<std::string_view> paragraphs);

}  // namespace punchout::gateway::storefront
