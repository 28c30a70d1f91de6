#pragma once

#include "catalog/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog {

namespace detail {
struct StatementHandle;
}

/// A prepared SQL statement. Move-only RAII: a cached statement is reset and its bindings
/// cleared when this object dies; a one-off statement is finalized.
///
/// Parameters are numbered from 1 (`?1`, `?2` ...), result columns from 0. Text is bound
/// as a copy, so the argument may die right after `bind`.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    /// Binds an integer.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    /// Binds text (copied).
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    /// Binds bytes as a BLOB (copied): attachments, which are not text.
    Statement& bind_blob(int index, std::string_view bytes);
    /// Binds SQL NULL.
    Statement& bind(int index, std::nullptr_t);
    /// Binds the value, or NULL when empty.
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    /// The highest parameter number the SQL uses (binding beyond it is an error).
    int parameter_count() const noexcept;

    /// Advances to the next row: true when a row is ready, false when done.
    Result<bool> step();
    /// Steps until done, for statements that return no rows.
    Result<void> run();
    /// Rewinds the statement and clears its bindings, to run it again.
    void reset() noexcept;

    /// Steps through every remaining row, calling `on_row(*this)` for each; stops at the
    /// first error and returns it.
    template <class F>
    Result<void> for_each_row(F&& on_row) {
        for (;;) {
            auto r = step();
            if (!r)
                return r.error();
            if (!*r)
                return {};
            on_row(*this);
        }
    }

    /// Column accessors for the current row.
    bool is_null(int column) const noexcept;
    std::int64_t int64(int column) const noexcept;
    std::string text(int column) const;
    /// A BLOB column's bytes.
    std::string blob(int column) const;
    /// A floating-point column: for scores, never for money (money is int64 ten-thousandths).
    double real(int column) const noexcept;
    std::string_view text_view(int column) const noexcept;  ///< valid until the next step
    std::optional<std::int64_t> optional_int64(int column) const noexcept;
    std::optional<std::string> optional_text(int column) const;

private:
    friend class Connection;
    Statement(detail::StatementHandle* handle, bool owned) noexcept;
    void release() noexcept;

    detail::StatementHandle* handle_ = nullptr;
    bool owned_ = false;
};

}  // namespace punchout::catalog
