#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_catalog(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'catalog' commands are not built yet");
}

}  // namespace punchout::tools
