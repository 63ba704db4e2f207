package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One node's samples, oldest first. */
@JsonbPropertyOrder({"node", "samples"})
public record NodeHistory(String node, List<NodeSample> samples) {
}
