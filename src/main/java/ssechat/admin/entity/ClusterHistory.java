package ssechat.admin.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import ssechat.metrics.entity.NodeHistory;

/**
 * {@code GET /api/admin/stats/history}: the answering node, when, the minutes asked for, the seconds
 * between two samples, and the samples of every node that kept some in that time, gone nodes included.
 */
@JsonbPropertyOrder({"node", "at", "minutes", "periodSeconds", "nodes"})
public record ClusterHistory(String node, long at, int minutes, long periodSeconds, List<NodeHistory> nodes) {
}
