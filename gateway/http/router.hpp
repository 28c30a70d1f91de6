#pragma once

#include "gateway/http/http_types.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// One route: where it lives, what it accepts, and how it speaks errors.
struct Route {
    std::string name;     ///< label in metrics and the access log ("cxml", "storefront", ...)
    std::string path;     ///< "/cxml"
    bool prefix = false;  ///< also matches everything below path + "/"
    std::vector<http::verb> methods{http::verb::get};
    std::size_t body_limit = 64u << 10;
    Handler handler;
    /// Builds the answer for errors the transport finds before the handler runs (body too
    /// large, too slow, malformed HTTP) in the route's own language, e.g. a cXML Response
    /// for /cxml. Empty: a plain-text answer.
    std::function<Response(unsigned version, http::status status, std::string_view message)> error;
    std::size_t metrics_index = 0;  ///< set by the server
};

/// Matches request targets to routes. Built before serving, read-only afterwards.
class Router {
public:
    Router();
    void add(Route route);
    /// The matching route, or the built-in "not found" route (never null).
    const Route& match(std::string_view target) const;
    /// Answers a transport-level error in the route's language.
    static Response error_response(const Route& route, unsigned version, http::status status,
                                   std::string_view message);
    std::vector<Route>& routes() { return routes_; }
    Route& not_found() { return not_found_; }

private:
    std::vector<Route> routes_;
    Route not_found_;
};

}  // namespace punchout::gateway
