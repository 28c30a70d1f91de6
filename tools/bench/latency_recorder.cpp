#include "tools/bench/latency_recorder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace punchout::tools {

void LatencyRecorder::merge(const LatencyRecorder& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
    sorted_ = false;
}

std::uint64_t LatencyRecorder::percentile(double p) {
    if (samples_.empty())
        return 0;
    if (!sorted_) {
        std::sort(samples_.begin(), samples_.end());
        sorted_ = true;
    }
    // Nearest rank: the smallest sample with at least p% of the samples at or below it.
    const double rank = std::ceil(p / 100.0 * static_cast<double>(samples_.size()));
    const auto index = static_cast<std::size_t>(std::clamp(rank, 1.0, double(samples_.size())));
    return samples_[index - 1];
}

double LatencyRecorder::mean() const {
    if (samples_.empty())
        return 0;
    const auto sum = std::accumulate(samples_.begin(), samples_.end(), 0.0L);
    return static_cast<double>(sum / static_cast<long double>(samples_.size()));
}

}  // namespace punchout::tools
