#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_cxml(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'cxml' commands are not built yet");
}

}  // namespace punchout::tools
