#include "gateway/storefront/html_writer.hpp"

#include "cxml/form_post.hpp"

#include <stdexcept>

namespace punchout::gateway::storefront {
namespace {

bool is_url_attribute(std::string_view name) noexcept {
    return name == "href" || name == "src" || name == "action" || name == "formaction";
}

// Elements whose content is not parsed as text: escaping would not protect them.
bool is_raw_text_element(std::string_view tag) noexcept {
    return tag == "script" || tag == "style";
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const char* rep = nullptr;
        switch (c) {
            case '&':
                rep = "&amp;";
                break;
            case '<':
                rep = "&lt;";
                break;
            case '>':
                rep = "&gt;";
                break;
            case '"':
                rep = "&quot;";
                break;
            case '\'':
                rep = "&#39;";
                break;
            default:
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                    rep = "";
                break;
        }
        if (!rep)
            continue;
        out.append(s.data() + run, i - run);
        out.append(rep);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

bool is_safe_url(std::string_view url) noexcept {
    if (url.empty())
        return false;
    if (cxml::is_http_url(url))
        return true;
    // A path on this site. "//host" and "/\host" would leave it (browsers treat a
    // backslash as a slash), and a control character or space has no place in a URL.
    const char first = url.front();
    if (first != '/' && first != '?' && first != '#')
        return false;
    if (first == '/' && url.size() > 1 && (url[1] == '/' || url[1] == '\\'))
        return false;
    for (const char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || c == '\\')
            return false;
    }
    return true;
}

HtmlWriter::HtmlWriter(std::size_t reserve) {
    out_.reserve(reserve);
    open_.reserve(16);
}

void HtmlWriter::write_attrs(std::initializer_list<Attr> attrs) {
    for (const Attr& a : attrs) {
        if (!a.present)
            continue;
        out_.push_back(' ');
        out_.append(a.name.view());
        if (a.boolean)
            continue;
        out_.append("=\"");
        if (is_url_attribute(a.name.view()) && !is_safe_url(a.value)) {
            out_.append("about:invalid");
        } else {
            append_escaped(out_, a.value);
        }
        out_.push_back('"');
    }
}

HtmlWriter& HtmlWriter::open(Literal tag, std::initializer_list<Attr> attrs) {
    out_.push_back('<');
    out_.append(tag.view());
    write_attrs(attrs);
    out_.push_back('>');
    open_.push_back(tag.view());
    return *this;
}

HtmlWriter& HtmlWriter::close() {
    if (open_.empty())
        throw std::logic_error("HtmlWriter::close() with no open element");
    out_.append("</");
    out_.append(open_.back());
    out_.push_back('>');
    open_.pop_back();
    return *this;
}

HtmlWriter& HtmlWriter::empty(Literal tag, std::initializer_list<Attr> attrs) {
    out_.push_back('<');
    out_.append(tag.view());
    write_attrs(attrs);
    out_.push_back('>');
    return *this;
}

HtmlWriter& HtmlWriter::element(Literal tag, std::initializer_list<Attr> attrs,
                                std::string_view content) {
    open(tag, attrs);
    text(content);
    return close();
}

HtmlWriter& HtmlWriter::text(std::string_view s) {
    if (!open_.empty() && is_raw_text_element(open_.back())) {
        throw std::logic_error("HtmlWriter::text() inside <script> or <style>");
    }
    append_escaped(out_, s);
    return *this;
}

HtmlWriter& HtmlWriter::markup(Literal fixed) {
    out_.append(fixed.view());
    return *this;
}

HtmlWriter::Scope HtmlWriter::scope(Literal tag, std::initializer_list<Attr> attrs) {
    Scope s(*this);
    open(tag, attrs);
    return s;
}

std::string HtmlWriter::finish() {
    while (!open_.empty())
        close();
    out_.push_back('\n');
    return std::move(out_);
}

}  // namespace punchout::gateway::storefront
