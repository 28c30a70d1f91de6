#include "gateway/http/logger.hpp"

#include "catalog/json_text.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace punchout::gateway {
namespace {

using catalog::append_json_string;

// Local time with a numeric offset and milliseconds: what an operator reads next to the
// cXML timestamps.
std::string now_text() {
    auto now = std::chrono::system_clock::now();
    auto secs = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    localtime_r(&secs, &tm);
    char base[32];
    std::strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    char zone[8];
    std::strftime(zone, sizeof zone, "%z", &tm);
    char out[64];
    std::snprintf(out, sizeof out, "%s.%03d%.3s:%.2s", base, static_cast<int>(ms.count()), zone,
                  zone + 3);
    return out;
}

}  // namespace

LogLine::LogLine(std::string_view level, std::string_view event) {
    text_.reserve(256);
    text_ += "{\"ts\":";
    append_json_string(text_, now_text());
    text_ += ",\"level\":";
    append_json_string(text_, level);
    text_ += ",\"event\":";
    append_json_string(text_, event);
}

LogLine& LogLine::add(std::string_view key, std::string_view value) {
    text_ += ',';
    append_json_string(text_, key);
    text_ += ':';
    append_json_string(text_, value);
    return *this;
}

LogLine& LogLine::add(std::string_view key, std::int64_t value) {
    text_ += ',';
    append_json_string(text_, key);
    text_ += ':';
    text_ += std::to_string(value);
    return *this;
}

LogLine& LogLine::add(std::string_view key, double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    text_ += ',';
    append_json_string(text_, key);
    text_ += ':';
    text_ += buf;
    return *this;
}

std::string LogLine::finish() {
    text_ += '}';
    return std::move(text_);
}

Logger::Logger(std::FILE* out) : out_(out), flusher_([this] { run(); }) {}

Logger::~Logger() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    flusher_.join();
    flush();
}

void Logger::write(LogLine& line) {
    std::string text = line.finish();
    std::lock_guard lock(mutex_);
    buffer_ += text;
    buffer_ += '\n';
    if (buffer_.size() > (64u << 10))
        wake_.notify_one();
}

void Logger::flush() {
    // Held across the write so chunks reach the file in the order they were logged.
    std::lock_guard write_lock(write_mutex_);
    std::string pending;
    {
        std::lock_guard lock(mutex_);
        pending.swap(buffer_);
    }
    if (!pending.empty()) {
        std::fwrite(pending.data(), 1, pending.size(), out_);
        std::fflush(out_);
    }
}

void Logger::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(200));
        lock.unlock();
        flush();
        lock.lock();
    }
}

}  // namespace punchout::gateway
