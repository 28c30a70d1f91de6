#include "cxml/parse.hpp"

#include "cxml/charset.hpp"
#include "cxml/detail/prolog.hpp"
#include "cxml/detail/reader.hpp"
#include "cxml/detail/text.hpp"

#include <new>
#include <optional>
#include <string>

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

// What pugixml reads: the input itself, or the UTF-8 text a document in another charset was
// decoded into. Locations count lines and bytes in `text`.
struct Source {
    std::string_view text;
    std::size_t base = 0;         // where the document starts in `text` (after a UTF-8 BOM)
    std::string decoded;          // owns `text` once the input is decoded
    std::optional<Charset> from;  // set when decoded
};

enum class Bom { none, utf_8, utf_16le, utf_16be };

Bom bom_of(std::string_view b) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    if (b.size() >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF)
        return Bom::utf_8;
    if (b.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE)
        return Bom::utf_16le;
    if (b.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF)
        return Bom::utf_16be;
    return Bom::none;
}

constexpr std::string_view accepted_charsets =
    "accepted are UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15, windows-1252 and UTF-16 with a "
    "byte order mark";

// Everything both entry points share: limits, BOM, encoding, prolog safety, entities,
// well-formedness, depth. On success `doc` holds the tree and `source` the text it was
// parsed from.
std::optional<ParseError> load(std::string_view bytes, const ParseOptions& options,
                               pugi::xml_document& doc, Source& source, detail::Prolog& prolog,
                               std::vector<Deviation>& deviations) {
    const Reader in_input(bytes, 0, deviations);
    if (bytes.size() > options.max_bytes) {
        return make_error(ParseErrorKind::too_large, 413,
                          "document of " + std::to_string(bytes.size()) +
                              " bytes is larger than the limit of " +
                              std::to_string(options.max_bytes) + " bytes",
                          in_input.locate_offset(options.max_bytes));
    }
    source.text = bytes;
    source.base = 0;
    const Bom bom = bom_of(bytes);
    if (bom == Bom::utf_16le || bom == Bom::utf_16be) {
        const Charset from = bom == Bom::utf_16le ? Charset::utf_16le : Charset::utf_16be;
        Transcoded t = transcode_to_utf8(bytes.substr(2), from);
        if (!t) {
            const std::size_t at = 2 + t.error().offset;
            return make_error(ParseErrorKind::not_well_formed, 406,
                              t.error().message + " at byte " + std::to_string(at),
                              in_input.locate_offset(at));
        }
        source.decoded = std::move(t.value());
        source.text = source.decoded;
        source.from = from;
    } else if (bytes.size() >= 2 &&
               ((bytes[0] == '<' && bytes[1] == '\0') || (bytes[0] == '\0' && bytes[1] == '<'))) {
        // "<" in UTF-16 (XML 1.0 Appendix F) with nothing to tell the byte order for sure.
        return make_error(ParseErrorKind::not_well_formed, 406,
                          "document is UTF-16 without a byte order mark; send it with one, or "
                          "in UTF-8",
                          in_input.locate_offset(0));
    } else if (bom == Bom::utf_8) {
        source.base = 3;
    }
    // Offsets in the text being read, which is the input until it is decoded.
    const auto in_text = [&](std::size_t offset) {
        return Reader(source.text, 0, deviations).locate_offset(offset);
    };
    // Errors found in decoded text say so: their Locations do not count in the input.
    const auto in_source = [&](std::string message) {
        if (source.from)
            message += " (in the text decoded from " + std::string(to_string(*source.from)) + ")";
        return message;
    };

    std::string_view body = source.text.substr(source.base);
    if (detail::trim(body).empty()) {
        return make_error(ParseErrorKind::not_well_formed, 406, "document is empty",
                          in_text(source.base));
    }

    // Every charset accepted here but UTF-16 is a superset of ASCII, so the prolog reads the
    // same before decoding; UTF-16 was decoded above.
    prolog = detail::scan_prolog(body);
    if (!prolog.unsafe.empty()) {
        return make_error(ParseErrorKind::unsafe_doctype, 406, in_source(prolog.unsafe),
                          in_text(source.base + prolog.unsafe_offset));
    }
    if (!prolog.malformed.empty()) {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          in_source("not well-formed XML: " + prolog.malformed),
                          in_text(source.base + prolog.malformed_offset));
    }

    if (source.from) {
        // The declaration could only be read by decoding with the byte order the BOM gave,
        // so the BOM stands; a declaration saying otherwise is noted, not obeyed.
        const auto declared = canonical_charset(prolog.encoding);
        if (!prolog.encoding.empty() && declared != Charset::utf_16 && declared != source.from) {
            deviations.push_back(Deviation{"the XML declaration names encoding '" +
                                               prolog.encoding + "' but the byte order mark says " +
                                               std::string(to_string(*source.from)) + "; read as " +
                                               std::string(to_string(*source.from)),
                                           in_text(0)});
        }
    } else {
        // RFC 7303 §3.2 ranks the HTTP charset above the encoding declaration; we rank it
        // below. The declaration is written by the software that serialised the bytes, the
        // Content-Type often by an HTTP stack that labels every body with its default
        // charset, and documents that declare their encoding keep reading as they always did.
        // Only a document that declares nothing takes the HTTP charset, as §3.2 asks.
        std::string_view label = prolog.encoding;
        std::string_view origin;
        if (label.empty() && bom == Bom::none && !detail::trim(options.charset).empty()) {
            label = options.charset;
            origin = " (the HTTP charset)";
        }
        const std::optional<Charset> charset =
            label.empty() ? Charset::utf_8 : canonical_charset(label);
        if (!charset) {
            return make_error(ParseErrorKind::not_well_formed, 406,
                              "unsupported encoding '" + std::string(label) + "'" +
                                  std::string(origin) + "; " + std::string(accepted_charsets),
                              in_input.locate_offset(source.base));
        }
        if (is_utf16(*charset)) {
            return make_error(ParseErrorKind::not_well_formed, 406,
                              "document is said to be " + std::string(label) + std::string(origin) +
                                  " but has no byte order mark; UTF-16 is read only with one",
                              in_input.locate_offset(source.base));
        }
        if (*charset == Charset::utf_8 || *charset == Charset::us_ascii) {
            // US-ASCII is read as the UTF-8 it is a subset of, as it always was.
            std::size_t bad = 0;
            if (!detail::utf8_valid(body, bad)) {
                return make_error(ParseErrorKind::not_well_formed, 406,
                                  "invalid UTF-8 byte sequence",
                                  in_input.locate_offset(source.base + bad));
            }
        } else {
            Transcoded t = transcode_to_utf8(body, *charset);
            if (!t) {
                const std::size_t at = source.base + t.error().offset;
                return make_error(ParseErrorKind::not_well_formed, 406,
                                  t.error().message + " at byte " + std::to_string(at),
                                  in_input.locate_offset(at));
            }
            source.decoded = std::move(t.value());
            source.text = source.decoded;
            source.base = 0;
            source.from = *charset;
            body = source.text;
            // Offsets past the first non-ASCII byte moved; the prolog is found again in
            // the decoded text for the DOCTYPE offsets read later.
            prolog = detail::scan_prolog(body);
        }
    }

    const Reader located(source.text, source.base, deviations);
    std::string entity;
    const std::size_t at = detail::find_undeclared_entity(body, prolog.end, entity);
    if (at != std::string_view::npos) {
        return make_error(ParseErrorKind::not_well_formed, 406,
                          in_source("undefined entity reference " + entity +
                                    ": only &lt; &gt; &amp; &quot; &apos; and character "
                                    "references are allowed"),
                          located.locate_offset(source.base + at));
    }

    // The text is UTF-8 by now: an explicit encoding keeps pugixml from reading the
    // declaration (encoding="ISO-8859-1" would make it decode a second time).
    const pugi::xml_parse_result r =
        doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_embed_pcdata,
                        pugi::encoding_utf8);
    if (!r) {
        // The partial tree leads to the innermost element open at the error.
        pugi::xml_node open = doc.document_element();
        while (open && open.last_child() && open.last_child().type() == pugi::node_element) {
            open = open.last_child();
        }
        Location where = located.locate_offset(source.base + static_cast<std::size_t>(r.offset));
        if (open)
            where.path = located.locate(open).path;
        return make_error(ParseErrorKind::not_well_formed, 406,
                          in_source("not well-formed XML: " + pugi_description(r)),
                          std::move(where));
    }
    std::size_t roots = 0;
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
        if (n.type() == pugi::node_element && ++roots == 2) {
            Location where = located.locate(n);
            return make_error(ParseErrorKind::not_well_formed, 406,
                              in_source("not well-formed XML: more than one root element (<" +
                                        std::string(n.name()) + ">)"),
                              std::move(where));
        }
    }

    return std::nullopt;
}

}  // namespace

ParseResult parse(std::string_view bytes, const ParseOptions& options) noexcept {
    std::vector<Deviation> deviations;
    try {
        pugi::xml_document tree;
        Source source;
        detail::Prolog prolog;
        if (auto e = load(bytes, options, tree, source, prolog, deviations)) {
            return ParseResult(std::move(*e), std::move(deviations));
        }
        const std::size_t base = source.base;
        Reader typed(source.text, base, deviations);
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
        pugi::xml_document tree;
        Source source;
        detail::Prolog prolog;
        if (auto e = load(bytes, options, tree, source, prolog, deviations)) {
            return Parsed<ItemIn>(std::move(*e), std::move(deviations));
        }
        Reader typed(source.text, source.base, deviations);
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
