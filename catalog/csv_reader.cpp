#include "catalog/csv_reader.hpp"

namespace punchout::catalog {

CsvReader::CsvReader(std::istream& in, std::size_t first_line)
    : in_(in), buffer_(1 << 20), line_(first_line) {}

bool CsvReader::fill() {
    if (!in_)
        return false;
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    end_ = static_cast<std::size_t>(in_.gcount());
    pos_ = 0;
    return end_ > 0;
}

int CsvReader::peek() {
    if (pos_ == end_ && !fill())
        return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::get() {
    const int c = peek();
    if (c >= 0) {
        ++pos_;
        ++consumed_;
    }
    return c;
}

void CsvReader::skip_rest_of_line() {
    for (int c = get(); c >= 0; c = get()) {
        if (c == '\n') {
            ++line_;
            return;
        }
        if (c == '\r') {
            if (peek() == '\n')
                get();
            ++line_;
            return;
        }
    }
}

Result<bool> CsvReader::next(CsvRecord& record) {
    if (!started_) {
        started_ = true;
        // Spreadsheet programs like to start UTF-8 files with a byte order mark.
        if (peek() == 0xEF) {
            get();
            if (get() != 0xBB || get() != 0xBF) {
                record.line = 1;
                skip_rest_of_line();
                return Error{Errc::invalid, "the file starts with a broken byte order mark"};
            }
        }
    }
    for (;;) {
        std::size_t count = 0;
        record.line = line_;
        auto field = [&]() -> std::string& {
            if (record.fields.size() <= count) {
                record.fields.emplace_back();
                record.lines.emplace_back();
            }
            record.fields[count].clear();
            record.lines[count] = line_;
            return record.fields[count++];
        };
        if (peek() < 0)
            return false;

        bool blank = true;  // a line holding nothing at all
        for (;;) {
            std::string& text = field();
            int c = peek();
            if (c == '"') {
                blank = false;
                get();
                const std::size_t opened = line_;
                for (;;) {
                    c = get();
                    if (c < 0) {
                        record.line = opened;
                        return Error{Errc::invalid, "a quoted field opened on line " +
                                                        std::to_string(opened) +
                                                        " is never closed"};
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            text.push_back('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\n' || (c == '\r' && peek() != '\n'))
                        ++line_;
                    text.push_back(static_cast<char>(c));
                }
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
                    record.line = line_;
                    skip_rest_of_line();
                    return Error{Errc::invalid,
                                 "unexpected text after a closing quote (a quote inside a quoted "
                                 "field must be doubled)"};
                }
            } else {
                // The hot loop: copy plain bytes in runs straight from the buffer.
                for (;;) {
                    if (pos_ == end_ && !fill())
                        break;
                    std::size_t run = pos_;
                    while (run < end_) {
                        const char ch = buffer_[run];
                        if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"')
                            break;
                        ++run;
                    }
                    text.append(buffer_.data() + pos_, run - pos_);
                    consumed_ += run - pos_;
                    pos_ = run;
                    if (run < end_)
                        break;
                }
                if (!text.empty())
                    blank = false;
                if (peek() == '"') {
                    record.line = line_;
                    skip_rest_of_line();
                    return Error{Errc::invalid,
                                 "a quote inside an unquoted field (quote the whole field and "
                                 "double the quote)"};
                }
            }
            c = get();
            if (c == ',') {
                blank = false;
                continue;
            }
            if (c == '\r' && peek() == '\n')
                get();
            if (c >= 0)
                ++line_;
            break;
        }
        if (blank)
            continue;
        record.fields.resize(count);
        record.lines.resize(count);
        return true;
    }
}

}  // namespace punchout::catalog
