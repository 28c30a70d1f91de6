#pragma once

#include "catalog/result.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace punchout::catalog {

/// One CSV record: its fields and the physical line each field starts on (a quoted field
/// may span lines, so later fields can start on later lines).
struct CsvRecord {
    std::vector<std::string> fields;
    std::vector<std::size_t> lines;  ///< 1-based line of each field
    std::size_t line = 0;            ///< 1-based line the record starts on
};

/// A streaming RFC 4180 reader: fields separated by a comma, records by CRLF, LF or CR;
/// a field in double quotes may hold separators, line breaks and doubled quotes (""). A
/// leading UTF-8 byte order mark is skipped and blank lines are ignored.
///
/// Strict where a lenient reader would guess: a quote inside an unquoted field, text after
/// a closing quote, or a quote left open at the end of the file is an error naming the line.
/// After an error the reader resumes at the next line, so a caller can collect several.
class CsvReader {
public:
    /// Reads `in` from where it stands; `first_line` numbers its first line (for a CSV
    /// section that follows a header the caller read itself).
    explicit CsvReader(std::istream& in, std::size_t first_line = 1);

    /// Reads the next record into `record`: true when one was read, false at the end of the
    /// input, Errc::invalid for malformed CSV (`record.line` then names the line).
    Result<bool> next(CsvRecord& record);

    /// Bytes consumed so far (for progress against the file size).
    std::uint64_t bytes_read() const noexcept { return consumed_; }

    /// The line the reader is on.
    std::size_t line() const noexcept { return line_; }

private:
    int peek();
    int get();
    bool fill();
    void skip_rest_of_line();

    std::istream& in_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    std::uint64_t consumed_ = 0;
    std::size_t line_ = 1;
    bool started_ = false;
};

}  // namespace punchout::catalog
