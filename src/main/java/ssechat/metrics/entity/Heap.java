package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The JVM heap: bytes in use and the most it may grow to. */
@JsonbPropertyOrder({"usedBytes", "maxBytes"})
public record Heap(long usedBytes, long maxBytes) {
}
