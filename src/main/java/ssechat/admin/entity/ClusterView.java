package ssechat.admin.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import ssechat.metrics.entity.NodeStats;

/** {@code GET /api/admin/stats}: the answering node, when, whether other nodes could be read, and every live node's figures. */
@JsonbPropertyOrder({"node", "at", "partial", "nodes"})
public record ClusterView(String node, long at, boolean partial, List<NodeStats> nodes) {
}
