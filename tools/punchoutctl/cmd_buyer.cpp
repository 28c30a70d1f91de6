#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_buyer(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'buyer' commands are not built yet");
}

}  // namespace punchout::tools
