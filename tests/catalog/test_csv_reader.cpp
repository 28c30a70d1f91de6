#include "catalog/csv_reader.hpp"

#include <sstream>

#include <catch2/catch.hpp>

using namespace punchout::catalog;

namespace {

struct Parsed {
    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> record_lines;
    std::vector<std::pair<std::size_t, std::string>> errors;  // line, message
};

Parsed parse(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    CsvRecord rec;
    Parsed out;
    for (;;) {
        auto r = reader.next(rec);
        if (!r) {
            out.errors.emplace_back(rec.line, r.error().message);
            continue;
        }
        if (!*r)
            break;
        out.records.push_back(rec.fields);
        out.record_lines.push_back(rec.line);
    }
    return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain records with LF, CRLF and a missing final newline") {
    CHECK(parse("a,b\n1,2\n").records == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parse("a,b\r\n1,2\r\n").records == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parse("a,b\r1,2").records == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parse("a,b\n1,2").records == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("empty fields are kept, blank lines are skipped") {
    auto p = parse("a,,c\n\n,\n\n");
    CHECK(p.records == Rows{{"a", "", "c"}, {"", ""}});
    CHECK(p.record_lines == std::vector<std::size_t>{1, 3});
}

TEST_CASE("RFC 4180 quoting: separators, line breaks and doubled quotes inside quotes") {
    auto p = parse(
        "sku,description\n"
        "A-1,\"Bolt, hex \"\"M8\"\"\nsecond line\"\n"
        "A-2,\"\"\n");
    REQUIRE(p.errors.empty());
    CHECK(p.records ==
          Rows{{"sku", "description"}, {"A-1", "Bolt, hex \"M8\"\nsecond line"}, {"A-2", ""}});
    // The record after a two-line field starts on line 4.
    CHECK(p.record_lines == std::vector<std::size_t>{1, 2, 4});
}

TEST_CASE("each field knows the line it starts on") {
    std::istringstream in("a,\"x\ny\",b\n");
    CsvReader reader(in);
    CsvRecord rec;
    REQUIRE(*reader.next(rec));
    CHECK(rec.lines == std::vector<std::size_t>{1, 1, 2});
}

TEST_CASE("UTF-8 passes through and a byte order mark is skipped") {
    auto p = parse("\xEF\xBB\xBFname,city\nJ\xC3\xA4rvinen,Vaasa\n");
    CHECK(p.records == Rows{{"name", "city"}, {"J\xC3\xA4rvinen", "Vaasa"}});
}

TEST_CASE("malformed quoting is an error on the right line, and reading resumes") {
    auto p = parse("a,b\n1,x\"y\n2,\"ok\"junk\n3,fine\n");
    REQUIRE(p.errors.size() == 2);
    CHECK(p.errors[0].first == 2);
    CHECK_THAT(p.errors[0].second, Catch::Contains("quote inside an unquoted field"));
    CHECK(p.errors[1].first == 3);
    CHECK_THAT(p.errors[1].second, Catch::Contains("after a closing quote"));
    CHECK(p.records == Rows{{"a", "b"}, {"3", "fine"}});
}

TEST_CASE("a quote left open names the line it was opened on") {
    auto p = parse("a,b\n1,\"never\nclosed\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].first == 2);
    CHECK_THAT(p.errors[0].second, Catch::Contains("never closed"));
}

TEST_CASE("records longer than the read buffer are read whole") {
    const std::string big(3 << 20, 'x');
    auto p = parse("a,b\n" + big + ",\"" + big + "\"\n");
    REQUIRE(p.records.size() == 2);
    CHECK(p.records[1][0] == big);
    CHECK(p.records[1][1] == big);
}

TEST_CASE("bytes_read tracks progress through the input") {
    const std::string text = "a,b\n1,2\n";
    std::istringstream in(text);
    CsvReader reader(in);
    CsvRecord rec;
    while (*reader.next(rec)) {
    }
    CHECK(reader.bytes_read() == text.size());
}
