#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace punchout::gateway {

/// One structured log line: a JSON object built field by field.
class LogLine {
public:
    /// Starts a line with the time, the level and the event name.
    LogLine(std::string_view level, std::string_view event);
    LogLine& add(std::string_view key, std::string_view value);
    LogLine& add(std::string_view key, std::int64_t value);
    LogLine& add(std::string_view key, double value);
    /// The finished JSON text, without a newline.
    std::string finish();

private:
    std::string text_;
};

/// Writes JSON lines to a FILE (stderr by default), buffered and flushed by a background
/// thread every 200 ms, so request threads never wait on the terminal or the disk.
class Logger {
public:
    explicit Logger(std::FILE* out = stderr);
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    /// Takes the line's text (the line is left empty).
    void write(LogLine& line);
    void write(LogLine&& line) { write(line); }
    void flush();

private:
    void run();

    std::FILE* out_;
    std::mutex mutex_;
    std::mutex write_mutex_;
    std::condition_variable wake_;
    std::string buffer_;
    bool stopping_ = false;
    std::thread flusher_;
};

}  // namespace punchout::gateway
