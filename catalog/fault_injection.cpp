#include "catalog/fault_injection.hpp"

#include "catalog/detail/fault_hook.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>

#include <sqlite3.h>

namespace punchout::catalog {
namespace {

#ifdef PUNCHOUT_FAULT_INJECTION
constexpr bool compiled_in = true;
#else
constexpr bool compiled_in = false;
#endif

enum class Mode { off, fail, count, hook };

struct State {
    std::mutex mutex;
    Mode mode = Mode::off;
    testing::FaultPlan plan;
    std::function<void()> hook;
    std::uint64_t seen = 0;
    bool fired = false;
};

// The fast path of every step reads only this flag.
std::atomic<bool> armed{false};

State& state() {
    static State s;
    return s;
}

int code_of(testing::Fault f) noexcept {
    switch (f) {
        case testing::Fault::io_error:
            return SQLITE_IOERR;
        case testing::Fault::busy:
            return SQLITE_BUSY;
        case testing::Fault::no_memory:
            return SQLITE_NOMEM;
        case testing::Fault::full:
            return SQLITE_FULL;
    }
    return SQLITE_IOERR;
}

bool is_rollback(std::string_view sql) noexcept {
    auto first = sql.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return false;
    sql.remove_prefix(first);
    constexpr std::string_view word = "ROLLBACK";
    if (sql.size() < word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = sql[i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c != word[i])
            return false;
    }
    return true;
}

void require_compiled_in() {
    if (!compiled_in) {
        throw std::logic_error(
            "fault injection is not compiled in (configure with -DPUNCHOUT_FAULT_INJECTION=ON)");
    }
}

}  // namespace

namespace testing {

const char* to_string(Fault fault) noexcept {
    switch (fault) {
        case Fault::io_error:
            return "io_error";
        case Fault::busy:
            return "busy";
        case Fault::no_memory:
            return "no_memory";
        case Fault::full:
            return "full";
    }
    return "io_error";
}

bool fault_injection_available() noexcept {
    return compiled_in;
}

void arm_fault(FaultPlan plan) {
    require_compiled_in();
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.mode = Mode::fail;
    s.plan = std::move(plan);
    s.hook = nullptr;
    s.seen = 0;
    s.fired = false;
    armed.store(true, std::memory_order_release);
}

void count_steps(std::string sql_contains) {
    require_compiled_in();
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.mode = Mode::count;
    s.plan = FaultPlan{};
    s.plan.sql_contains = std::move(sql_contains);
    s.hook = nullptr;
    s.seen = 0;
    s.fired = false;
    armed.store(true, std::memory_order_release);
}

void arm_hook(std::uint64_t nth, std::string sql_contains, std::function<void()> hook) {
    require_compiled_in();
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.mode = Mode::hook;
    s.plan = FaultPlan{};
    s.plan.nth = nth;
    s.plan.sql_contains = std::move(sql_contains);
    s.hook = std::move(hook);
    s.seen = 0;
    s.fired = false;
    armed.store(true, std::memory_order_release);
}

void disarm_fault() noexcept {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.mode = Mode::off;
    s.hook = nullptr;
    armed.store(false, std::memory_order_release);
}

std::uint64_t steps_seen() noexcept {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    return s.seen;
}

bool fault_fired() noexcept {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    return s.fired;
}

}  // namespace testing

namespace detail {

int injected_fault(std::string_view sql) noexcept {
    if (!compiled_in || !armed.load(std::memory_order_acquire))
        return 0;
    auto& s = state();
    std::function<void()> hook;
    {
        std::lock_guard lock(s.mutex);
        if (s.mode == Mode::off || is_rollback(sql))
            return 0;
        if (!s.plan.sql_contains.empty() && sql.find(s.plan.sql_contains) == std::string_view::npos)
            return 0;
        ++s.seen;
        switch (s.mode) {
            case Mode::off:
            case Mode::count:
                return 0;
            case Mode::fail:
                if (s.seen == s.plan.nth || (s.plan.persistent && s.seen > s.plan.nth)) {
                    s.fired = true;
                    return code_of(s.plan.fault);
                }
                return 0;
            case Mode::hook:
                if (s.seen != s.plan.nth || s.fired)
                    return 0;
                s.fired = true;
                hook = s.hook;
                break;
        }
    }
    // Outside the lock: the hook may run SQL of its own (on another connection), which
    // comes through here again.
    if (hook) {
        try {
            hook();
        } catch (...) {
            // A test's hook failing shows in the test's own checks.
        }
    }
    return 0;
}

}  // namespace detail
}  // namespace punchout::catalog
