// A main() for a fuzz target when libFuzzer is not there (g++, or a plain ctest run): runs
// every seed, then a bounded, reproducible series of mutations of them. No coverage
// feedback, so it finds less than libFuzzer does; its job is to keep the target honest on
// every build, under the sanitizers, in seconds.
//
//   fuzz_driver [--iterations N] [--seconds S] [--seed X] [--max-len B] PATH...
//
// PATH is a seed file or a directory of them (not recursive). A file NAME.content-type next
// to NAME.EXT is a header for it: the input is its first line, LF, then NAME.EXT (the
// layout of tests/fixtures/cxml/attachments/). Defaults: 20000 iterations or 60 s, whichever
// comes first, seed 1, inputs up to 16 KiB; FUZZ_ITERATIONS, FUZZ_SECONDS and FUZZ_SEED
// set them too, the command line wins. The same seed and seed files give the same inputs.
//
// A crash is reported by the sanitizer (or the signal); the input is saved first, to
// FUZZ_CRASH_FILE or ./fuzz-crash-input, and its iteration is printed.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define PUNCHOUT_FUZZ_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(PUNCHOUT_FUZZ_SANITIZED)
#define PUNCHOUT_FUZZ_SANITIZED 1
#endif
#ifdef PUNCHOUT_FUZZ_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

struct Options {
    std::uint64_t iterations = 20000;
    double seconds = 60;
    std::uint64_t seed = 1;
    std::size_t max_len = 16 * 1024;
    std::vector<std::string> paths;
};

// What the crash handlers need; set before each run, read only from the handlers.
const std::string* current_input = nullptr;
std::uint64_t current_iteration = 0;
char crash_path[4096] = "fuzz-crash-input";

void write_all(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w <= 0)
            return;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

void write_text(int fd, const char* s) {
    write_all(fd, s, std::strlen(s));
}

// Async-signal-safe: no allocation, no stdio.
void save_crash_input() {
    if (current_input == nullptr)
        return;
    const int fd = ::open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        write_all(fd, current_input->data(), current_input->size());
        ::close(fd);
    }
    char number[24];
    std::size_t len = 0;
    std::uint64_t v = current_iteration;
    do {
        number[len++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    std::reverse(number, number + len);
    number[len] = '\0';
    write_text(2, "fuzz_driver: crashed on input ");
    write_text(2, number);
    write_text(2, " (0 = seeds); it is saved in ");
    write_text(2, crash_path);
    write_text(2, "\n");
    current_input = nullptr;  // once
}

extern "C" void on_fatal_signal(int sig) {
    save_crash_input();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_crash_handlers() {
    if (const char* path = std::getenv("FUZZ_CRASH_FILE"); path != nullptr && *path != '\0') {
        std::strncpy(crash_path, path, sizeof crash_path - 1);
    }
#ifdef PUNCHOUT_FUZZ_SANITIZED
    // The sanitizer owns SIGSEGV and friends to print its report; it calls back before exit.
    __sanitizer_set_death_callback([] { save_crash_input(); });
    std::signal(SIGABRT, on_fatal_signal);
#else
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        std::signal(sig, on_fatal_signal);
#endif
}

bool parse_number(const char* text, double& out) {
    char* end = nullptr;
    out = std::strtod(text, &end);
    return end != text && *end == '\0' && out >= 0;
}

bool parse_options(int argc, char** argv, Options& o) {
    const auto env = [](const char* name, double& out) {
        const char* v = std::getenv(name);
        return v == nullptr || parse_number(v, out);
    };
    double iterations = static_cast<double>(o.iterations);
    double seed = static_cast<double>(o.seed);
    double max_len = static_cast<double>(o.max_len);
    if (!env("FUZZ_ITERATIONS", iterations) || !env("FUZZ_SECONDS", o.seconds) ||
        !env("FUZZ_SEED", seed)) {
        std::fprintf(stderr,
                     "fuzz_driver: FUZZ_ITERATIONS, FUZZ_SECONDS, FUZZ_SEED must be "
                     "non-negative numbers\n");
        return false;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        double* target = nullptr;
        if (arg == "--iterations")
            target = &iterations;
        else if (arg == "--seconds")
            target = &o.seconds;
        else if (arg == "--seed")
            target = &seed;
        else if (arg == "--max-len")
            target = &max_len;
        if (target == nullptr) {
            if (arg.substr(0, 2) == "--") {
                std::fprintf(stderr, "fuzz_driver: unknown option %s\n", argv[i]);
                return false;
            }
            o.paths.emplace_back(arg);
            continue;
        }
        if (i + 1 >= argc || !parse_number(argv[i + 1], *target)) {
            std::fprintf(stderr, "fuzz_driver: %s needs a non-negative number\n", argv[i]);
            return false;
        }
        ++i;
    }
    o.iterations = static_cast<std::uint64_t>(iterations);
    o.seed = static_cast<std::uint64_t>(seed);
    o.max_len = std::max<std::size_t>(1, static_cast<std::size_t>(max_len));
    return true;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The seeds under one path, in name order so that runs are reproducible.
bool load_seeds(const std::string& path, std::vector<std::string>& seeds) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
    } else if (fs::is_regular_file(path, ec)) {
        files.emplace_back(path);
    } else {
        std::fprintf(stderr, "fuzz_driver: %s is neither a file nor a directory\n", path.c_str());
        return false;
    }
    for (const fs::path& file : files) {
        fs::path header = file;
        header.replace_extension(".content-type");
        if (file.extension() == ".content-type") {
            // A header file is used with its body; alone only when it has none.
            const bool has_body = std::any_of(files.begin(), files.end(), [&](const fs::path& f) {
                return f != file && f.parent_path() == file.parent_path() &&
                       f.stem() == file.stem();
            });
            if (has_body)
                continue;
            seeds.push_back(read_file(file));
        } else if (fs::is_regular_file(header, ec)) {
            std::string line = read_file(header);
            line.resize(std::min(line.find('\n'), line.size()));
            seeds.push_back(line + "\n" + read_file(file));
        } else {
            seeds.push_back(read_file(file));
        }
    }
    return true;
}

// Tokens worth splicing into any text protocol, and a few for MIME in particular.
constexpr std::string_view tokens[] = {
    "\r\n",
    "\n",
    "\r\n\r\n",
    "--",
    "=",
    "=\r\n",
    "=3D",
    "==",
    "\"",
    "\\",
    ";",
    ":",
    "(",
    ")",
    "<",
    ">",
    "%",
    "%4",
    "*",
    "*0*=",
    "''",
    " ",
    "\t",
    "\r\n ",
    "\x00",
    "\xFF",
    "Content-Type: multipart/mixed; boundary=b\r\n",
    "Content-ID: <a@b>\r\n",
    "Content-Transfer-Encoding: base64\r\n",
    "Content-Transfer-Encoding: quoted-printable\r\n",
    "Content-Disposition: attachment; filename*=UTF-8''%C3%A9\r\n",
    "cid:",
    "start=",
    "boundary=",
    "--b\r\n",
    "--b--\r\n",
};

class Mutator {
public:
    Mutator(std::uint64_t seed, std::size_t max_len) : rng_(seed), max_len_(max_len) {}

    // std::mt19937_64's sequence is fixed by the standard; distributions are not, hence this.
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

    std::string mutate(std::string s, const std::vector<std::string>& pool) {
        const std::size_t steps = 1 + below(4);
        for (std::size_t k = 0; k < steps; ++k)
            step(s, pool);
        if (s.size() > max_len_)
            s.resize(max_len_);
        return s;
    }

private:
    void step(std::string& s, const std::vector<std::string>& pool) {
        switch (below(9)) {
            case 0:  // flip a bit
                if (!s.empty())
                    s[below(s.size())] ^= static_cast<char>(1u << below(8));
                break;
            case 1:  // set a byte
                if (!s.empty())
                    s[below(s.size())] = static_cast<char>(below(256));
                break;
            case 2: {  // insert random bytes
                std::string bytes(1 + below(8), '\0');
                for (char& c : bytes)
                    c = static_cast<char>(below(256));
                s.insert(below(s.size() + 1), bytes);
                break;
            }
            case 3: {  // insert a token
                const std::string_view t = tokens[below(std::size(tokens))];
                s.insert(below(s.size() + 1), t.data(), t.size());
                break;
            }
            case 4: {  // delete a range, mostly short
                if (s.empty())
                    break;
                const std::size_t at = below(s.size());
                const std::size_t most =
                    below(8) == 0 ? s.size() - at : std::min<std::size_t>(16, s.size() - at);
                s.erase(at, 1 + below(most));
                break;
            }
            case 5: {  // copy a range of the input elsewhere (a repeated line or header)
                if (s.empty())
                    break;
                const std::size_t at = below(s.size());
                const std::string chunk =
                    s.substr(at, 1 + below(std::min<std::size_t>(128, s.size() - at)));
                s.insert(below(s.size() + 1), chunk);
                break;
            }
            case 6: {  // splice: this input's head, another's tail
                const std::string& other = pool[below(pool.size())];
                const std::size_t cut = below(s.size() + 1);
                // Half the time at the same offset, which keeps the length and, for inputs
                // alike, the structure around the cut.
                const std::size_t from =
                    below(2) == 0 ? std::min(cut, other.size()) : below(other.size() + 1);
                s = s.substr(0, cut) + other.substr(from);
                break;
            }
            case 7:  // truncate, mostly near the end
                s.resize(below(4) == 0 ? below(s.size() + 1)
                                       : s.size() - below(std::min<std::size_t>(64, s.size()) + 1));
                break;
            default: {  // overwrite with a token
                if (s.empty())
                    break;
                const std::string_view t = tokens[below(std::size(tokens))];
                const std::size_t at = below(s.size());
                s.replace(at, std::min(t.size(), s.size() - at), t);
                break;
            }
        }
    }

    std::mt19937_64 rng_;
    std::size_t max_len_;
};

void run(const std::string& input, std::uint64_t iteration) {
    current_input = &input;
    current_iteration = iteration;
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    current_input = nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options))
        return 2;
    install_crash_handlers();

    std::vector<std::string> seeds;
    for (const std::string& path : options.paths) {
        if (!load_seeds(path, seeds))
            return 2;
    }
    if (seeds.empty()) {
        std::fprintf(stderr, "fuzz_driver: no seed files given; mutating an empty input\n");
        seeds.emplace_back();
    }
    for (const std::string& seed : seeds)
        run(seed, 0);

    // Mutants join the pool now and then, so that mutations stack deeper than one round;
    // the pool stays small and the choice is from the PRNG, so runs stay reproducible.
    std::vector<std::string> pool = seeds;
    const std::size_t pool_max = seeds.size() + 256;
    Mutator mutator(options.seed, options.max_len);
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(options.seconds));
    std::uint64_t done = 0;
    while (done < options.iterations && std::chrono::steady_clock::now() < deadline) {
        // Half the time from a seed: most mutants are broken, and a pool of only mutants
        // would drift away from anything the parser accepts.
        const std::string& base = mutator.below(2) == 0 ? seeds[mutator.below(seeds.size())]
                                                        : pool[mutator.below(pool.size())];
        std::string input = mutator.mutate(base, pool);
        run(input, done + 1);
        ++done;
        if (mutator.below(16) == 0) {
            if (pool.size() < pool_max)
                pool.push_back(std::move(input));
            else
                pool[seeds.size() + mutator.below(pool_max - seeds.size())] = std::move(input);
        }
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("fuzz_driver: %zu seed inputs, %llu mutated inputs in %.1f s (seed %llu%s)\n",
                seeds.size(), static_cast<unsigned long long>(done), elapsed,
                static_cast<unsigned long long>(options.seed),
                done < options.iterations ? ", stopped by the time budget" : "");
    return 0;
}
