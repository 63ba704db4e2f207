package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Delivery latency percentiles in milliseconds, from a message's id time to its write to a stream. */
@JsonbPropertyOrder({"p50", "p90", "p99"})
public record Latency(long p50, long p90, long p99) {
}
