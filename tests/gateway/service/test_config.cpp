#include "gateway/service/config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

using namespace punchout::gateway;

namespace {

CommandLineAction load(std::vector<std::string> args, Config& config) {
    std::vector<const char*> argv{"punchout-gateway"};
    for (const auto& a : args)
        argv.push_back(a.c_str());
    std::string help;
    return load_config(static_cast<int>(argv.size()), argv.data(), config, help);
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    auto dir = std::filesystem::temp_directory_path() / ("gwconf-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name) << text;
    return dir / name;
}

}  // namespace

TEST_CASE("listen addresses: v4, v6, scheme prefixes") {
    auto a = ListenAddress::parse("127.0.0.1:8080", false);
    CHECK(a.host == "127.0.0.1");
    CHECK(a.port == 8080);
    CHECK_FALSE(a.tls);
    auto b = ListenAddress::parse("[::1]:8443", true);
    CHECK(b.host == "::1");
    CHECK(b.tls);
    CHECK(ListenAddress::parse("https://0.0.0.0:0", false).tls);
    CHECK_FALSE(ListenAddress::parse("http://0.0.0.0:1", true).tls);
    CHECK_THROWS_AS(ListenAddress::parse("127.0.0.1", false), ConfigError);
    CHECK_THROWS_AS(ListenAddress::parse("127.0.0.1:99999", false), ConfigError);
    CHECK_THROWS_AS(ListenAddress::parse("127.0.0.1:8o", false), ConfigError);
}

TEST_CASE("the config file fills in, the command line wins, paths are relative to the file") {
    auto secret = write_temp("outbound.secret", "s3cret\n");
    auto conf = write_temp("gw.conf",
                           "[server]\n"
                           "db = data/store.db\n"
                           "listen = 127.0.0.1:9000\n"
                           "public_url = https://shop.example.com/\n"
                           "[supplier]\n"
                           "credential = DUNS:123456789\n"
                           "credential = NetworkID:AN0100\n"
                           "outbound_secret_file = outbound.secret\n"
                           "[timeouts]\n"
                           "header_seconds = 7\n");
    Config config;
    REQUIRE(load({"--config", conf.string(), "--listen", "127.0.0.1:9100"}, config) ==
            CommandLineAction::run);
    CHECK(config.db_path == (conf.parent_path() / "data/store.db").string());
    REQUIRE(config.listen.size() == 1);
    CHECK(config.listen[0].port == 9100);
    CHECK(config.public_url == "https://shop.example.com");
    CHECK(config.supplier.credentials.size() == 2);
    CHECK(config.supplier.credentials[1].first == "NetworkID");
    CHECK(config.supplier.outbound_secret == "s3cret");
    CHECK(config.header_timeout == std::chrono::seconds(7));
}

TEST_CASE("a config that cannot start says which setting is wrong") {
    Config config;
    CHECK_THROWS_WITH(load({"--listen", "127.0.0.1:1", "--public-url", "http://x"}, config),
                      Catch::Contains("--db"));
    auto conf = write_temp("tls.conf", "[supplier]\ncredential = DUNS:1\n");
    CHECK_THROWS_WITH(load({"--config", conf.string(), "--db", "x.db", "--listen",
                            "https://127.0.0.1:1", "--public-url", "http://x"},
                           config),
                      Catch::Contains("tls.certificate"));
    CHECK_THROWS_WITH(
        load({"--db", "x.db", "--listen", "127.0.0.1:1", "--public-url", "ftp://x"}, config),
        Catch::Contains("public-url"));
    CHECK_THROWS_AS(load({"--no-such-option"}, config), ConfigError);
}

TEST_CASE("tools read the same config file: supplier identity, secret file, outbox keys") {
    auto secret = write_temp("tool-outbound.secret", "t00l-secret\n");
    auto conf = write_temp("tool.conf",
                           "[server]\n"
                           "listen = 127.0.0.1:9000\n"
                           "[supplier]\n"
                           "name = Supplier Oy\n"
                           "credential = DUNS:555000111\n"
                           "outbound_secret_file = tool-outbound.secret\n"
                           "[outbox]\n"
                           "max_attempts = 3\n"
                           "initial_backoff_seconds = 2\n");
    const auto config = load_config_file(conf.string());
    CHECK(config.supplier.name == "Supplier Oy");
    REQUIRE(config.supplier.credentials.size() == 1);
    CHECK(config.supplier.credentials[0].second == "555000111");
    CHECK(config.supplier.outbound_secret == "t00l-secret");
    CHECK(config.outbox_max_attempts == 3);
    CHECK(config.outbox_initial_backoff == std::chrono::seconds(2));
    CHECK(config.db_path.empty());

    auto unknown = write_temp("tool-bad.conf", "[supplier]\ncredential = DUNS:1\ncolour = red\n");
    CHECK_THROWS_AS(load_config_file(unknown.string()), ConfigError);
    auto nobody = write_temp("tool-none.conf", "[supplier]\nname = x\n");
    CHECK_THROWS_WITH(load_config_file(nobody.string()),
                      Catch::Contains("supplier.credential (DOMAIN:IDENTITY) is required"));
    CHECK_THROWS_WITH(load_config_file((conf.parent_path() / "missing.conf").string()),
                      Catch::Contains("cannot read config file"));
}

TEST_CASE("outbox settings that cannot work are refused at start") {
    auto zero = write_temp("outbox-zero.conf",
                           "[supplier]\ncredential = DUNS:1\n[outbox]\nconcurrency = 0\n");
    Config config;
    CHECK_THROWS_WITH(
        load({"--config", zero.string(), "--db", "x.db", "--listen", "127.0.0.1:0"}, config),
        Catch::Contains("outbox.concurrency must be at least 1"));
    auto backwards = write_temp("outbox-backoff.conf",
                                "[supplier]\ncredential = DUNS:1\n[outbox]\n"
                                "initial_backoff_seconds = 60\nmax_backoff_seconds = 10\n");
    Config other;
    CHECK_THROWS_WITH(
        load({"--config", backwards.string(), "--db", "x.db", "--listen", "127.0.0.1:0"}, other),
        Catch::Contains("at most outbox.max_backoff_seconds"));
}

TEST_CASE("the API's threads, queue and nice value come from [api] and are checked") {
    auto with = [](const std::string& name, const std::string& api) {
        return write_temp(name, "[supplier]\ncredential = DUNS:1\n[api]\n" + api);
    };
    const std::vector<std::string> args{"--db", "x.db", "--listen", "127.0.0.1:0"};
    auto load_with = [&](const std::filesystem::path& conf, Config& config) {
        std::vector<std::string> all{"--config", conf.string()};
        all.insert(all.end(), args.begin(), args.end());
        return load(all, config);
    };
    Config defaults;
    load_with(with("api-default.conf", ""), defaults);
    CHECK(defaults.api_workers == 2);
    CHECK(defaults.api_queue == 256);
    CHECK(defaults.api_nice == 5);
    Config set;
    load_with(with("api-set.conf", "workers = 4\nqueue = 16\nnice = 0\n"), set);
    CHECK(set.api_workers == 4);
    CHECK(set.api_queue == 16);
    CHECK(set.api_nice == 0);
    // Each refusal on a fresh Config: a refused load leaves what it had read in place.
    auto refused = [&](const std::string& name, const std::string& api) {
        Config config;
        return load_with(with(name, api), config);
    };
    CHECK_THROWS_WITH(refused("api-workers.conf", "workers = 0\n"),
                      Catch::Contains("api.workers must be 1 to 64"));
    CHECK_THROWS_WITH(refused("api-queue.conf", "queue = 0\n"),
                      Catch::Contains("api.queue must be at least 1"));
    CHECK_THROWS_WITH(refused("api-nice.conf", "nice = -5\n"),
                      Catch::Contains("api.nice must be 0 to 19"));
}

TEST_CASE("stock_stale_after takes a duration with its unit, and [api] listen addresses") {
    auto run = [](const std::string& value) {
        Config config;
        auto conf =
            write_temp("stale.conf",
                       "[supplier]\ncredential = DUNS:1\n[catalog]\nstock_stale_after = " + value +
                           "\n[api]\nlisten = 127.0.0.1:9443\n");
        load({"--config", conf.string(), "--db", "x.db", "--listen", "127.0.0.1:1"}, config);
        return config;
    };
    CHECK(run("15m").stock_stale_after == std::chrono::minutes(15));
    CHECK(run("90").stock_stale_after == std::chrono::seconds(90));
    CHECK(run("2h").stock_stale_after == std::chrono::hours(2));
    CHECK(run("1d").stock_stale_after == std::chrono::hours(24));
    CHECK(run("0").stock_stale_after.count() == 0);
    const auto api = run("15m").api_listen;
    REQUIRE(api.size() == 1);
    CHECK(api[0].port == 9443);
    for (const char* bad : {"15 min", "m", "-5m", "1.5h", "15M"})
        CHECK_THROWS_WITH(run(bad), Catch::Contains("catalog.stock_stale_after"));
    Config defaults;
    CHECK(defaults.stock_stale_after.count() == 0);
}
