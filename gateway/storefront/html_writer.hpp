#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// Text fixed at compile time: element and attribute names, and the few pieces of fixed
/// markup (the doctype, the auto-submit script). A value read at run time cannot become a
/// Literal (the constructor is consteval), so it can only reach a page through the escaping
/// paths of HtmlWriter.
class Literal {
public:
    template <std::size_t N>
    consteval Literal(const char (&text)[N]) noexcept : text_(text, N - 1) {}  // NOLINT

    constexpr std::string_view view() const noexcept { return text_; }

private:
    std::string_view text_;
};

/// One attribute of an element: a literal name and a run-time value, escaped for a quoted
/// attribute when written. Values of URL attributes (href, src, action, formaction) are
/// checked first: only http(s) URLs and same-site paths pass; anything else (`javascript:`,
/// `data:`, `//evil.example`) is written as `about:invalid`.
struct Attr {
    Literal name;
    std::string_view value;
    bool present = true;   ///< false: the attribute is left out
    bool boolean = false;  ///< written as a bare name (`required`, `disabled`)

    Attr(Literal n, std::string_view v) noexcept : name(n), value(v) {}

    /// A boolean attribute, written only when `on`.
    static Attr flag(Literal n, bool on) noexcept {
        Attr a(n, {});
        a.present = on;
        a.boolean = true;
        return a;
    }
    /// An attribute left out when `v` is empty.
    static Attr optional(Literal n, std::string_view v) noexcept {
        Attr a(n, v);
        a.present = !v.empty();
        return a;
    }
    /// An attribute written only when `on`.
    static Attr when(bool on, Literal n, std::string_view v) noexcept {
        Attr a(n, v);
        a.present = on;
        return a;
    }
};

/// Builds an HTML document into one string. Escaping is by construction: element and
/// attribute names are Literals, every run-time value goes through `text` (escaped for
/// element content) or an Attr (escaped for a quoted attribute, URLs checked). Elements are
/// closed in order from a stack, so the markup is always balanced.
class HtmlWriter {
public:
    explicit HtmlWriter(std::size_t reserve = 16 * 1024);

    /// `<tag attrs...>`; the element stays open until close().
    HtmlWriter& open(Literal tag, std::initializer_list<Attr> attrs = {});
    /// Closes the innermost open element.
    HtmlWriter& close();
    /// A void element (`<input>`, `<img>`, `<meta>`, `<link>`, `<br>`): no content, no close.
    HtmlWriter& empty(Literal tag, std::initializer_list<Attr> attrs = {});
    /// `<tag attrs...>text</tag>`.
    HtmlWriter& element(Literal tag, std::initializer_list<Attr> attrs, std::string_view text);
    HtmlWriter& element(Literal tag, std::string_view text) { return element(tag, {}, text); }
    /// Element content, escaped. Throws std::logic_error inside <script> or <style>, where
    /// escaping does not apply (a broken invariant: those carry Literals only).
    HtmlWriter& text(std::string_view s);
    /// Fixed markup written as is.
    HtmlWriter& markup(Literal fixed);

    /// Closes an element when it goes out of scope: `auto row = w.scope("tr");`.
    class Scope {
    public:
        explicit Scope(HtmlWriter& w) noexcept : w_(&w), depth_(w.depth()) {}
        Scope(Scope&& other) noexcept : w_(other.w_), depth_(other.depth_) { other.w_ = nullptr; }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
        Scope& operator=(Scope&&) = delete;
        ~Scope() {
            // Closes what this scope opened, and anything left open inside it.
            if (w_) {
                while (w_->depth() > depth_)
                    w_->close();
            }
        }

    private:
        HtmlWriter* w_;
        std::size_t depth_;
    };
    /// open() with a Scope that closes it.
    [[nodiscard]] Scope scope(Literal tag, std::initializer_list<Attr> attrs = {});

    /// How many elements are open.
    std::size_t depth() const noexcept { return open_.size(); }
    /// Closes every open element and hands the document over.
    std::string finish();

private:
    void write_attrs(std::initializer_list<Attr> attrs);

    std::string out_;
    std::vector<std::string_view> open_;
};

/// Appends `s` escaped for HTML element content or a double-quoted attribute value
/// (`& < > " '`); C0 control characters other than tab, line feed and carriage return,
/// which HTML does not allow, are dropped.
void append_escaped(std::string& out, std::string_view s);

/// True when `url` may be used as a link, image or form target on our pages: an absolute
/// http(s) URL with a host and no white space or control characters, or a path on this
/// site ("/shop/...", "?page=2", "#top"), never "//host" or a backslash trick.
bool is_safe_url(std::string_view url) noexcept;

}  // namespace punchout::gateway::storefront
