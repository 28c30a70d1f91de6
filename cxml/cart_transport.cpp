#include "cxml/cart_transport.hpp"

#include "cxml/detail/text.hpp"

namespace punchout::cxml {

FormField cart_field(const Document& message, CartEncoding encoding, const WriteOptions& options) {
    if (encoding == CartEncoding::base64) {
        return FormField{"cxml-base64", detail::base64_encode(write(message, options))};
    }
    WriteOptions ascii = options;
    ascii.ascii = true;
    return FormField{"cxml-urlencoded", write(message, ascii)};
}

std::optional<std::string> render_cart_form(const Document& message,
                                            std::string_view browser_form_post_url,
                                            CartEncoding encoding, const FormPostOptions& form,
                                            const WriteOptions& options) {
    if (!is_http_url(browser_form_post_url))
        return std::nullopt;
    return render_form_post(browser_form_post_url, {cart_field(message, encoding, options)}, form);
}

}  // namespace punchout::cxml
