#pragma once

#include "catalog/expected.hpp"
#include "gateway/service/refusal.hpp"

namespace punchout::gateway {

/// What a service function returns: its result, or a Refusal saying why not. Every
/// service function answers with one of these; only the transports turn a Refusal into a
/// status (gateway/http/refusal_mapping.hpp). Asking a refused outcome for its value is a
/// programming error and throws. `Outcome<void>`: done, or refused.
template <class T>
class [[nodiscard]] Outcome : public catalog::Expected<T, Refusal> {
public:
    using catalog::Expected<T, Refusal>::Expected;

    /// The refusal; throws std::logic_error when the outcome holds a value.
    const Refusal& refusal() const { return this->failure("Outcome::refusal()"); }
};

}  // namespace punchout::gateway
