#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_inventory(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'inventory' commands are not built yet");
}

}  // namespace punchout::tools
