#pragma once

#include <string>
#include <string_view>

namespace punchout::cxml {

/// A new cXML payloadID `time.pid.random@host`: milliseconds since the epoch, the process
/// id, 64 random bits from OpenSSL's RAND_bytes in hex, and the host name (`host`, or the
/// machine's host name when empty). Unique across processes and restarts. Throws
/// std::runtime_error only when the system random generator fails.
std::string make_payload_id(std::string_view host = {});

}  // namespace punchout::cxml
