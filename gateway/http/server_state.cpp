#include "gateway/http/server_state.hpp"

#include <vector>

namespace punchout::gateway {

void ConnectionRegistry::add(Connection* key, std::weak_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    connections_.emplace(key, std::move(connection));
}

void ConnectionRegistry::remove(Connection* key) {
    std::lock_guard lock(mutex_);
    connections_.erase(key);
}

void ConnectionRegistry::stop_all() {
    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, weak] : connections_) {
            if (auto c = weak.lock())
                live.push_back(std::move(c));
        }
    }
    // Called outside the lock: stop() posts to the connection's strand.
    for (auto& c : live)
        c->stop();
}

std::size_t ConnectionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

}  // namespace punchout::gateway
