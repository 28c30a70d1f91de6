#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace punchout::tools {

/// Every latency of a bounded load run, in microseconds, kept whole so the percentiles are
/// exact (a run is bounded in requests, so the memory is too).
class LatencyRecorder {
public:
    /// Keeps one latency.
    void add(std::uint64_t micros) { samples_.push_back(micros); }

    /// Adds another recorder's samples (one recorder per client thread).
    void merge(const LatencyRecorder& other);

    /// How many latencies were kept.
    std::size_t count() const noexcept { return samples_.size(); }

    /// The latency at percentile `p` (0-100, nearest rank) in microseconds; 0 when empty.
    /// Sorts the samples the first time it is asked.
    std::uint64_t percentile(double p);

    /// The arithmetic mean in microseconds; 0 when empty.
    double mean() const;

private:
    std::vector<std::uint64_t> samples_;
    bool sorted_ = false;
};

}  // namespace punchout::tools
