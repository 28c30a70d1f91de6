#pragma once

#include "cxml/document.hpp"
#include "cxml/form_post.hpp"
#include "cxml/write.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::cxml {

/// How a PunchOutOrderMessage travels back through the user's browser.
enum class CartEncoding {
    base64,      ///< field `cxml-base64`: the UTF-8 document in base64 (Ariba's preference)
    urlencoded,  ///< field `cxml-urlencoded`: the document itself, us-ascii
};

/// The form field carrying the cart: `cxml-base64` with the base64 of the written document,
/// or `cxml-urlencoded` with the document written as us-ascii (every non-ASCII character
/// a numeric character reference). The value is not escaped: the page escapes it as an
/// HTML attribute and the browser URL-encodes it on submit. `options.ascii` is forced for
/// `urlencoded`.
FormField cart_field(const Document& message, CartEncoding encoding,
                     const WriteOptions& options = {});

}  // namespace punchout::cxml
