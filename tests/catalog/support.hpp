#pragma once

// Helpers shared by the catalog tests: a scratch directory and small file/SQL shortcuts.
#include "catalog/connection.hpp"
#include "catalog/database.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace punchout::catalog::test {

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "catalog-test-XXXXXX");
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// Writes `text` to `path` byte for byte.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

/// The single integer a query returns (fails the test on an SQL error).
inline std::int64_t query_int(Connection& conn, const std::string& sql) {
    auto st = conn.prepare_once(sql);
    auto row = st.step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return st.int64(0);
}

/// The single text a query returns.
inline std::string query_text(Connection& conn, const std::string& sql) {
    auto st = conn.prepare_once(sql);
    auto row = st.step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return st.text(0);
}

/// Runs SQL that must succeed.
inline void exec(Connection& conn, const std::string& sql) {
    auto r = conn.exec(sql);
    INFO(sql);
    if (!r)
        FAIL(r.error().message);
}

/// Fixture files under tests/fixtures/catalog.
inline std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(PUNCHOUT_SOURCE_DIR) / "tests" / "fixtures" / "catalog" / name;
}

}  // namespace punchout::catalog::test
