#pragma once

#include <string>
#include <utility>
#include <vector>

namespace punchout::gateway {

/// What the code handling a request adds to its access-log line (document type,
/// payloadID, buyer, order id, ...). Protocol-free, so service functions can note what they
/// did without knowing the transport; the transport's RequestInfo is one.
struct LogFields {
    std::vector<std::pair<std::string, std::string>> log_fields;

    void log(std::string key, std::string value) {
        log_fields.emplace_back(std::move(key), std::move(value));
    }
};

}  // namespace punchout::gateway
