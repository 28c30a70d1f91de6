#include <iostream>

#include "gateway/build_info.hpp"
#include "gateway/config.hpp"
#include "gateway/logger.hpp"
#include "gateway/server.hpp"

int main(int argc, char** argv) {
    using namespace punchout::gateway;
    Config config;
    std::string help;
    try {
        switch (load_config(argc, argv, config, help)) {
            case CommandLineAction::help: std::cout << help; return 0;
            case CommandLineAction::version: std::cout << product_version() << '\n'; return 0;
            case CommandLineAction::run: break;
        }
    } catch (const ConfigError& e) {
        std::cerr << "punchout-gateway: " << e.what() << "\nTry 'punchout-gateway --help'.\n";
        return 2;
    }

    Logger logger;
    try {
        Server server(config, logger);
        for (const auto& url : server.listen()) {
            std::cout << "punchout-gateway listening on " << url << std::endl;
            logger.write(LogLine("info", "listening").add("url", url));
        }
        server.run();
    } catch (const std::exception& e) {
        logger.write(LogLine("error", "startup_failed").add("what", e.what()));
        logger.flush();
        std::cerr << "punchout-gateway: " << e.what() << '\n';
        return 1;
    }
    logger.write(LogLine("info", "stopped"));
    return 0;
}
