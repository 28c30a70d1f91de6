#pragma once

#include <string_view>

// The call sites of catalog/fault_injection.hpp: Statement::step and Connection::exec ask
// before running SQL whether to fail instead. Private to catalog/.
namespace punchout::catalog::detail {

/// The SQLite result code to fail `sql` with, or 0 to run it. Always 0 unless a test armed
/// a fault in a build with PUNCHOUT_FAULT_INJECTION.
int injected_fault(std::string_view sql) noexcept;

}  // namespace punchout::catalog::detail
