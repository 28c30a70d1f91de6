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

}  // namespace punchout::cxml
