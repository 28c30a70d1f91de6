#include "gateway/application.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/server.hpp"
#include "gateway/service/build_info.hpp"
#include "gateway/service/config.hpp"

#include <iostream>
#include <thread>

int main(int argc, char** argv) {
    using namespace punchout::gateway;
    Config config;
    std::string help;
    try {
        switch (load_config(argc, argv, config, help)) {
            case CommandLineAction::help:
                std::cout << help;
                return 0;
            case CommandLineAction::version:
                std::cout << product_version() << '\n';
                return 0;
            case CommandLineAction::run:
                break;
        }
    } catch (const ConfigError& e) {
        std::cerr << "punchout-gateway: " << e.what() << "\nTry 'punchout-gateway --help'.\n";
        return 2;
    }

    Logger logger;
    int exit_code = 0;
    try {
        Server server(config, logger);
        Application app(config, server, logger);
        const auto urls = server.listen();
        if (config.public_url.empty())
            config.public_url = urls.front();
        for (const auto& url : urls) {
            std::cout << "punchout-gateway listening on " << url << std::endl;
            logger.write(LogLine("info", "listening").add("url", url));
        }
        // Listening starts at once; /healthz says "starting" until the database is open
        // and migrated, which may take a while for a large migration.
        std::thread opener([&] {
            try {
                app.open();
                server.set_ready();
            } catch (const std::exception& e) {
                logger.write(LogLine("error", "database_failed").add("what", e.what()));
                std::cerr << "punchout-gateway: " << e.what() << '\n';
                exit_code = 1;
                server.stop();
            }
        });
        server.run();
        opener.join();
        app.close();
    } catch (const std::exception& e) {
        logger.write(LogLine("error", "startup_failed").add("what", e.what()));
        logger.flush();
        std::cerr << "punchout-gateway: " << e.what() << '\n';
        return 1;
    }
    logger.write(LogLine("info", "stopped"));
    return exit_code;
}
