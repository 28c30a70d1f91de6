#include <iostream>

#include "gateway/build_info.hpp"

int main() {
    std::cerr << punchout::gateway::product_version()
              << ": the HTTP service is not built yet (see issue: the gateway service)\n";
    return 1;
}
