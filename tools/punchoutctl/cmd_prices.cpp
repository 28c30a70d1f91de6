#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_prices(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'prices' commands are not built yet");
}

}  // namespace punchout::tools
