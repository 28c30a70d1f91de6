#include "cxml/parse.hpp"

#include "cxml/detail/prolog.hpp"
#include "cxml/detail/reader.hpp"
#include "cxml/detail/text.hpp"

#include <new>

#include <pugixml.hpp>

namespace punchout::cxml {

namespace {

using detail::Reader;

// Roots that belong to the cXML family but have no envelope: reported as unsupported
// documents (450), not as garbage.
bool is_envelope_less_cxml(std::string_view root) {
    return root == "Index" || root == "Contract" || root == "Supplier" ||
           root == "SubscriptionContent";
}

std::string pugi_description(const pugi::xml_parse_result& r) {
    std::string d = r.description();
    if (!d.empty())
        d[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d[0])));
    return d;
}

ParseError make_error(ParseErrorKind kind, unsigned status, std::string message, Location where) {
    ParseError e;
    e.kind = kind;
    e.status = status;
    e.message = std::move(message);
    e.where = std::move(where);
    return e;
}

// Everything both entry points share: limits, BOM, prolog safety, encoding, entities,
// well-formedness, depth. On success `doc` holds the tree and `base` the BOM length.
std::optional<ParseError> load(std::string_view bytes, const ParseOptions& options,
                               pugi::xml_document& doc, std::size_t& base, detail::Prolog& prolog,
                               Reader& reader) {
    if (bytes.size() > options.max_bytes) {
        return make_error(ParseErrorKind::too_large, 413,
                          "document of " + std::to_string(bytes.size()) +
                              " bytes is larger than the limit of " +
                              std::to_string(options.max_bytes) + " bytes",
                          reader.locate_offset(options.max_bytes));
    }
    base = 0;
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
        static_cast<unsigned char>(bytes[1]) == 0xBB &&
        static_cast<unsigned char>(bytes[2]) == 0xBF) {
        base = 3;
    } else if (bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                      static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                     (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                      static_cast<unsigned char>(bytes[1]) == 0xFF))) {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "document is UTF-16; cXML documents must be UTF-8",
                          reader.locate_offset(0));
    }
    const std::string_view body = bytes.substr(base);
    if (detail::trim(body).empty()) {
        return make_error(ParseErrorKind::not_well_formed, 406, "document is empty",
                          reader.locate_offset(base));
    }

    prolog = detail::scan_prolog(body);
    if (!prolog.unsafe.empty()) {
        return make_error(ParseErrorKind::unsafe_doctype, 406, prolog.unsafe,
                          reader.locate_offset(base + prolog.unsafe_offset));
    }
    if (!prolog.malformed.empty()) {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "not well-formed XML: " + prolog.malformed,
                          reader.locate_offset(base + prolog.malformed_offset));
    }

    pugi::xml_encoding encoding = pugi::encoding_utf8;
    const std::string declared = detail::to_lower(prolog.encoding);
    if (declared.empty() || declared == "utf-8" || declared == "utf8" || declared == "us-ascii" ||
        declared == "ascii") {
        std::size_t bad = 0;
        if (!detail::utf8_valid(body, bad)) {
            return make_error(ParseErrorKind::not_well_formed, 406, "invalid UTF-8 byte sequence",
                              reader.locate_offset(base + bad));
        }
    } else if (declared == "iso-8859-1" || declared == "latin1" || declared == "latin-1") {
        encoding = pugi::encoding_latin1;
    } else {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "unsupported encoding '" + prolog.encoding + "'; cXML is UTF-8",
                          reader.locate_offset(base));
    }

    std::string entity;
    const std::size_t at = detail::find_undeclared_entity(body, prolog.end, entity);
    if (at != std::string_view::npos) {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "undefined entity reference " + entity +
                              ": only &lt; &gt; &amp; &quot; &apos; and character references "
                              "are allowed",
                          reader.locate_offset(base + at));
    }

    const pugi::xml_parse_result r = doc.load_buffer(
        body.data(), body.size(), pugi::parse_default | pugi::parse_embed_pcdata, encoding);
    if (!r) {
        // The partial tree leads to the innermost element open at the error.
        pugi::xml_node open = doc.document_element();
        while (open && open.last_child() && open.last_child().type() == pugi::node_element) {
            open = open.last_child();
        }
        Location where = reader.locate_offset(base + static_cast<std::size_t>(r.offset));
        if (open)
            where.path = reader.locate(open).path;
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "not well-formed XML: " + pugi_description(r), std::move(where));
    }
    std::size_t roots = 0;
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
        if (n.type() == pugi::node_element && ++roots == 2) {
            Location where = reader.locate(n);
            return make_error(
                ParseErrorKind::not_well_formed, 406,
                "not well-formed XML: more than one root element (<" + std::string(n.name()) + ">)",
                std::move(where));
        }
    }

    return std::nullopt;
}

}  // namespace

ParseResult parse(std::string_view bytes, const ParseOptions& options) noexcept {
    std::vector<Deviation> deviations;
    try {
        Reader reader(bytes, 0, deviations);
        pugi::xml_document tree;
        std::size_t base = 0;
        detail::Prolog prolog;
        if (auto e = load(bytes, options, tree, base, prolog, reader)) {
            return ParseResult(std::move(*e), std::move(deviations));
        }
        Reader typed(bytes, base, deviations);
        const pugi::xml_node root = tree.document_element();
        const std::string_view root_name = root.name();
        if (!detail::iequals(root_name, "cXML")) {
            ParseError e;
            if (is_envelope_less_cxml(root_name)) {
                e = make_error(ParseErrorKind::unsupported_document, 450,
                               "<" + std::string(root_name) +
                                   "> is a cXML catalog document without an envelope; it is "
                                   "not implemented here",
                               typed.locate(root));
            } else {
                e = make_error(ParseErrorKind::not_cxml, 400,
                               "root element <" + std::string(root_name) + "> is not <cXML>",
                               typed.locate(root));
            }
            e.element = std::string(root_name);
            return ParseResult(std::move(e), std::move(deviations));
        }

        if (prolog.internal_subset) {
            deviations.push_back(Deviation{"DOCTYPE internal subset ignored",
                                           typed.locate_offset(base + prolog.doctype_offset)});
        }
        Document doc;
        typed.set_max_depth(options.max_depth);
        typed.read_root(root, doc);
        if (typed.failed())
            return ParseResult(typed.take_error(), std::move(deviations));

        if (prolog.has_doctype) {
            std::string version;
            std::string module;
            detail::split_system_id(prolog.system_id, version, module);
            const DocumentType type = document_type(doc);
            const std::string_view expected = dtd_module(type);
            if (!module.empty() && type != DocumentType::unsupported &&
                !detail::iequals(module, expected)) {
                deviations.push_back(Deviation{"DOCTYPE names " + module + "; " +
                                                   std::string(to_string(type)) +
                                                   " is defined in " + std::string(expected),
                                               typed.locate_offset(base + prolog.doctype_offset)});
            }
        }
        typed.finish();
        return ParseResult(std::move(doc), std::move(deviations));
    } catch (const std::bad_alloc&) {
        ParseError e = make_error(ParseErrorKind::internal, 500,
                                  "out of memory while reading the document", {});
        return ParseResult(std::move(e), {});
    } catch (...) {
        ParseError e = make_error(ParseErrorKind::internal, 500,
                                  "internal error while reading the document", {});
        return ParseResult(std::move(e), {});
    }
}

Parsed<ItemIn> parse_item_in(std::string_view bytes, const ParseOptions& options) noexcept {
    std::vector<Deviation> deviations;
    try {
        Reader reader(bytes, 0, deviations);
        pugi::xml_document tree;
        std::size_t base = 0;
        detail::Prolog prolog;
        if (auto e = load(bytes, options, tree, base, prolog, reader)) {
            return Parsed<ItemIn>(std::move(*e), std::move(deviations));
        }
        Reader typed(bytes, base, deviations);
        const pugi::xml_node root = tree.document_element();
        if (std::string_view(root.name()) != "ItemIn") {
            ParseError e =
                make_error(ParseErrorKind::invalid_structure, 400,
                           "root element <" + std::string(root.name()) + "> is not <ItemIn>",
                           typed.locate(root));
            return Parsed<ItemIn>(std::move(e), std::move(deviations));
        }
        ItemIn item;
        typed.set_max_depth(options.max_depth);
        typed.read_root(root, item);
        if (typed.failed())
            return Parsed<ItemIn>(typed.take_error(), std::move(deviations));
        typed.finish();
        return Parsed<ItemIn>(std::move(item), std::move(deviations));
    } catch (...) {
        ParseError e = make_error(ParseErrorKind::internal, 500,
                                  "internal error while reading the fragment", {});
        return Parsed<ItemIn>(std::move(e), {});
    }
}

std::string Location::to_string() const {
    std::string s;
    if (line > 0) {
        s = "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
            std::to_string(offset) + ")";
    }
    if (!path.empty()) {
        if (!s.empty())
            s += " ";
        s += "at " + path;
    }
    return s;
}

std::string_view to_string(ParseErrorKind kind) noexcept {
    switch (kind) {
        case ParseErrorKind::too_large:
            return "too_large";
        case ParseErrorKind::too_deep:
            return "too_deep";
        case ParseErrorKind::not_well_formed:
            return "not_well_formed";
        case ParseErrorKind::unsafe_doctype:
            return "unsafe_doctype";
        case ParseErrorKind::not_cxml:
            return "not_cxml";
        case ParseErrorKind::invalid_structure:
            return "invalid_structure";
        case ParseErrorKind::invalid_value:
            return "invalid_value";
        case ParseErrorKind::unknown_element:
            return "unknown_element";
        case ParseErrorKind::unsupported_document:
            return "unsupported_document";
        case ParseErrorKind::internal:
            return "internal";
    }
    return "internal";
}

Status ParseError::to_status() const {
    std::string body = message;
    const std::string at = where.to_string();
    if (!at.empty())
        body += " (" + at + ")";
    return make_status(status, std::move(body));
}

}  // namespace punchout::cxml
