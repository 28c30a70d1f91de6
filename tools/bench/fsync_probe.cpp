// bench-fsync: how many durable commits the disk gives a single writer: write 4 KiB and
// fdatasync, again and again, in a scratch file in --dir (put it on the database's disk).
// This is the ceiling a database committing one transaction per order would hit; group
// commit is how the gateway goes past it. Prints one JSON object.
#include "tools/bench/json_line.hpp"
#include "tools/bench/latency_recorder.hpp"

#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include <boost/program_options.hpp>

namespace punchout::tools {
namespace {

using Clock = std::chrono::steady_clock;

int run(int argc, char** argv) {
    namespace po = boost::program_options;
    std::string dir = ".";
    double seconds = 3;
    std::uint64_t max_syncs = 100000;
    std::size_t block = 4096;
    po::options_description desc(
        "usage: bench-fsync --dir DIR [options]\n\n"
        "Appends --block bytes and calls fdatasync, for --seconds or --max syncs, in a scratch\n"
        "file in DIR (removed afterwards); prints JSON.\n\nOptions");
    desc.add_options()("help,h", "this help")("dir", po::value(&dir)->default_value(dir),
                                              "directory on the disk to measure")(
        "seconds", po::value(&seconds)->default_value(seconds), "how long")(
        "max", po::value(&max_syncs)->default_value(max_syncs), "at most this many syncs")(
        "block", po::value(&block)->default_value(block), "bytes per write");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "bench-fsync: " << e.what() << "\nTry 'bench-fsync --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    const auto path = std::filesystem::path(dir) / ("bench-fsync-" + std::to_string(getpid()));
    const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (fd < 0) {
        std::cerr << "bench-fsync: cannot create " << path << ": " << std::strerror(errno) << '\n';
        return 1;
    }
    std::vector<char> buf(block, 'w');
    LatencyRecorder lat;
    std::uint64_t syncs = 0;
    const auto start = Clock::now();
    const auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    auto now = start;
    bool ok = true;
    while (now < end && syncs < max_syncs) {
        const auto t = Clock::now();
        if (::write(fd, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size()) ||
            ::fdatasync(fd) != 0) {
            std::cerr << "bench-fsync: " << std::strerror(errno) << '\n';
            ok = false;
            break;
        }
        now = Clock::now();
        lat.add(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - t).count()));
        ++syncs;
    }
    ::close(fd);
    std::filesystem::remove(path);
    if (!ok)
        return 1;
    const double elapsed = std::chrono::duration<double>(now - start).count();
    JsonLine l;
    l.add("p50", lat.percentile(50) / 1000.0).add("p99", lat.percentile(99) / 1000.0);
    JsonLine out;
    out.add("tool", "bench-fsync")
        .add("dir", std::filesystem::absolute(dir).string())
        .add("block", static_cast<std::uint64_t>(block))
        .add("syncs", syncs)
        .add("elapsed_s", elapsed)
        .add("rate", elapsed > 0 ? static_cast<double>(syncs) / elapsed : 0.0, 1)
        .add("latency_ms", l);
    std::cout << out.str() << std::endl;
    return 0;
}

}  // namespace
}  // namespace punchout::tools

int main(int argc, char** argv) {
    try {
        return punchout::tools::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench-fsync: " << e.what() << '\n';
        return 1;
    }
}
