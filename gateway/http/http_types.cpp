#include "gateway/http/http_types.hpp"

#include "gateway/service/build_info.hpp"

namespace punchout::gateway {

Response make_response(unsigned version, bool keep_alive, http::status status,
                       std::string content_type, std::string body) {
    Response res{status, version};
    res.set(http::field::server, product_version());
    res.set(http::field::content_type, std::move(content_type));
    res.keep_alive(keep_alive);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response make_response(const Request& req, http::status status, std::string content_type,
                       std::string body) {
    return make_response(req.version(), req.keep_alive(), status, std::move(content_type),
                         std::move(body));
}

}  // namespace punchout::gateway
