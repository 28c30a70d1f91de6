#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "gateway/config.hpp"

using namespace punchout::gateway;

namespace {

CommandLineAction load(std::vector<std::string> args, Config& config) {
    std::vector<const char*> argv{"punchout-gateway"};
    for (const auto& a : args) argv.push_back(a.c_str());
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
    CHECK_THROWS_WITH(load({"--db", "x.db", "--listen", "127.0.0.1:1", "--public-url", "ftp://x"},
                           config),
                      Catch::Contains("public-url"));
    CHECK_THROWS_AS(load({"--no-such-option"}, config), ConfigError);
}
