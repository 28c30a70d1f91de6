#pragma once

#include <string>
#include <string_view>

namespace punchout::catalog {

/// What kind of expected failure an operation met. Callers branch on the kind; the message
/// is for people.
enum class Errc {
    not_found,    ///< the buyer, sender, SKU ... does not exist
    invalid,      ///< a value does not have the required form (bad currency, empty name, ...)
    constraint,   ///< the database refused the change (duplicate key, missing reference, ...)
    busy,         ///< another writer held the database longer than the busy timeout
    storage,      ///< the database file could not be read or written (I/O error, disk full)
    in_progress,  ///< a catalog import is replacing the catalog: change products after its swap
};

/// The name of an error kind, e.g. "not_found".
std::string_view to_string(Errc code) noexcept;

/// An expected failure as a value: a kind and a message that names what failed.
struct Error {
    Errc code = Errc::storage;
    std::string message;
};

}  // namespace punchout::catalog
