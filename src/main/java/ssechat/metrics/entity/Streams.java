package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/** Open event streams on a node: in all, and per room. */
@JsonbPropertyOrder({"total", "byRoom"})
public record Streams(int total, Map<String, Integer> byRoom) {
}
