package ssechat.admin.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.admin.entity.ClusterHistory;
import ssechat.admin.entity.ClusterView;
import ssechat.http.Json;
import ssechat.metrics.control.NodeSampler;
import ssechat.metrics.control.NodeStatsStore;
import ssechat.metrics.control.SampleHistory;
import ssechat.metrics.entity.NodeStats;

/**
 * The cluster as the admin console shows it: this node's latest figures first, then those of every
 * other live node from Redis. When Redis cannot be read, only this node is listed and
 * {@code "partial": true} says so. Its history comes from Redis only, where every node keeps its samples.
 */
@ApplicationScoped
public class ClusterStats {

    private static final Logger LOG = Logger.getLogger(ClusterStats.class.getName());

    @EJB
    NodeSampler sampler;
    @EJB
    NodeStatsStore store;
    @Inject
    SampleHistory history;

    public String view() {
        NodeStats self = sampler.latest();
        List<NodeStats> nodes = new ArrayList<>(List.of(self));
        boolean partial = false;
        try {
            for (Map.Entry<String, String> node : store.live().entrySet()) {
                if (!node.getKey().equals(self.node())) {
                    nodes.add(Json.read(node.getValue(), NodeStats.class));
                }
            }
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Cannot read the other nodes' figures from Redis", e);
            partial = true;
        }
        return Json.write(new ClusterView(self.node(), System.currentTimeMillis(), partial, nodes));
    }

    /** Every node's samples of the last {@code minutes}; Redis must answer (the caller maps an outage to 503). */
    public String history(int minutes) {
        return Json.write(new ClusterHistory(sampler.latest().node(), System.currentTimeMillis(), minutes,
                SampleHistory.PERIOD.toSeconds(), history.last(Duration.ofMinutes(minutes))));
    }
}
