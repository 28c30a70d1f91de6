#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {

int run_sender(Context&, const std::vector<std::string>&) {
    throw OperationError("the 'sender' commands are not built yet");
}

}  // namespace punchout::tools
