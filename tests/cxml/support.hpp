#pragma once

// Helpers shared by the cxml tests: fixture paths, file reading, DTD validation.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace punchout::cxml::test {

inline std::string corpus(const std::string& relative) {
    return std::string(PUNCHOUT_SHARED_DIR) + "/conformance/" + relative;
}

inline std::string fixture(const std::string& name) {
    return std::string(PUNCHOUT_SOURCE_DIR) + "/tests/fixtures/cxml/" + name;
}

inline std::string dtd_dir() {
    return std::string(PUNCHOUT_SHARED_DIR) + "/cxml-dtd/1.2.071/";
}

inline bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A private temporary directory, removed with its files at exit of scope.
class TempDir {
public:
    TempDir() {
        std::string pattern = "/tmp/cxml-test-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        const std::string cmd = "rm -rf '" + path_ + "'";
        [[maybe_unused]] const int rc = std::system(cmd.c_str());
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string write(const std::string& name, const std::string& content) const {
        const std::string p = path_ + "/" + name;
        std::ofstream out(p, std::ios::binary);
        out << content;
        return p;
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// The outcome of validating a document against a DTD module.
struct Validation {
    bool ran = false;  ///< false when the DTD folder is absent
    bool valid = false;
    std::string output;  ///< xmllint's messages
};

/// `xmllint --nonet --noout --dtdvalid <module>` on `document` (never fetches anything).
inline Validation validate(const std::string& document, const std::string& module) {
    Validation v;
    const std::string dtd = dtd_dir() + module;
    if (!exists(dtd))
        return v;
    TempDir dir;
    const std::string file = dir.write("document.xml", document);
    const std::string log = dir.path() + "/xmllint.log";
    const std::string cmd =
        "xmllint --nonet --noout --dtdvalid '" + dtd + "' '" + file + "' > '" + log + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    v.ran = true;
    v.valid = rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
    v.output = read_file(log);
    return v;
}

}  // namespace punchout::cxml::test
