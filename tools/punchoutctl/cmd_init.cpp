#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_init(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'init' commands are not built yet");
}

}  // namespace punchout::tools
