#include "gateway/http/router.hpp"

#include <algorithm>

namespace punchout::gateway {

Router::Router() {
    not_found_.name = "other";
    not_found_.path = "";
    not_found_.methods = {};
    not_found_.handler = [](RequestInfo&, Request&& req, Responder respond) {
        respond(make_response(req, http::status::not_found, "text/plain; charset=utf-8",
                              "Not found: nothing is served at this address.\n"));
    };
}

void Router::add(Route route) {
    routes_.push_back(std::move(route));
}

const Route& Router::match(std::string_view target) const {
    const auto query = target.find('?');
    const std::string_view path = target.substr(0, query);
    for (const auto& r : routes_) {
        if (path == r.path)
            return r;
        if (r.prefix && path.size() > r.path.size() && path.substr(0, r.path.size()) == r.path &&
            (r.path.back() == '/' || path[r.path.size()] == '/')) {
            return r;
        }
    }
    return not_found_;
}

Response Router::error_response(const Route& route, unsigned version, http::status status,
                                std::string_view message) {
    if (route.error)
        return route.error(version, status, message);
    Response res = make_response(version, false, status, "text/plain; charset=utf-8",
                                 std::string(message) + "\n");
    return res;
}

}  // namespace punchout::gateway
