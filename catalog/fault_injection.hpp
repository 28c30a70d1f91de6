#pragma once

#include <cstdint>
#include <functional>
#include <string>

// SQLite-style fault injection, for tests: make the Nth SQLite step (or statement run by
// Connection::exec) fail as if the disk, the lock or the memory had. Compiled in only when
// the build defines PUNCHOUT_FAULT_INJECTION (the test build, see CMakeLists.txt); in
// other builds `fault_injection_available()` is false and arming throws. ROLLBACK is never
// failed: it is what recovery relies on. Process-wide: tests that use it run one path at a
// time with no background work on the same process.
namespace punchout::catalog::testing {

/// What the failing step reports.
enum class Fault {
    io_error,   ///< SQLITE_IOERR: the disk could not be read or written
    busy,       ///< SQLITE_BUSY: another writer held the lock past the timeout
    no_memory,  ///< SQLITE_NOMEM
    full,       ///< SQLITE_FULL: the disk is full
};

/// "io_error", "busy", ...
const char* to_string(Fault fault) noexcept;

/// When to fail.
struct FaultPlan {
    Fault fault = Fault::io_error;
    /// Fail the nth matching step from now (1-based).
    std::uint64_t nth = 1;
    /// Only steps of statements whose SQL contains this count; empty: every step.
    std::string sql_contains;
    /// Also fail every matching step after the nth (a disk that stays full).
    bool persistent = false;
};

/// True when this build has the hook.
bool fault_injection_available() noexcept;

/// Arms a fault (replacing any plan) and restarts the step count.
void arm_fault(FaultPlan plan);

/// Counts matching steps from now on without failing any (to learn how many steps a path
/// takes, then sweep N over them).
void count_steps(std::string sql_contains = {});

/// Calls `hook` once, just before the nth matching step runs (the step then runs normally):
/// lets a test change the database from another connection at an exact point.
void arm_hook(std::uint64_t nth, std::string sql_contains, std::function<void()> hook);

/// Stops failing, counting and hooking.
void disarm_fault() noexcept;

/// Matching steps seen since the last arm_fault / count_steps / arm_hook.
std::uint64_t steps_seen() noexcept;

/// True once the armed fault has failed a step.
bool fault_fired() noexcept;

/// Arms `plan` for its scope and disarms when the scope ends.
class ScopedFault {
public:
    explicit ScopedFault(FaultPlan plan) { arm_fault(std::move(plan)); }
    ~ScopedFault() { disarm_fault(); }
    ScopedFault(const ScopedFault&) = delete;
    ScopedFault& operator=(const ScopedFault&) = delete;
};

}  // namespace punchout::catalog::testing
