#pragma once

#include "tools/punchoutctl/context.hpp"

// One function per command group, each in its own cmd_<group>.cpp.
namespace punchout::tools {

int run_init(Context& ctx, const std::vector<std::string>& args);
int run_buyer(Context& ctx, const std::vector<std::string>& args);
int run_sender(Context& ctx, const std::vector<std::string>& args);
int run_catalog(Context& ctx, const std::vector<std::string>& args);
int run_prices(Context& ctx, const std::vector<std::string>& args);
int run_inventory(Context& ctx, const std::vector<std::string>& args);
int run_cxml(Context& ctx, const std::vector<std::string>& args);
int run_orders(Context& ctx, const std::vector<std::string>& args);
int run_outbox(Context& ctx, const std::vector<std::string>& args);
int run_api_client(Context& ctx, const std::vector<std::string>& args);

}  // namespace punchout::tools
