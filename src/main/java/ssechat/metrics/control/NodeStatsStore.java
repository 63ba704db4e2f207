package ssechat.metrics.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;
import ssechat.http.Json;
import ssechat.metrics.entity.NodeStats;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * Every node's latest figures in Redis: one key per node that expires unless renewed, and a sorted
 * set of node ids scored by that expiry, so that the live nodes are found without scanning keys.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeStatsStore {

    private static final LuaScript PUBLISH = LuaScript.load(NodeStatsStore.class, "publish-stats.lua");
    private static final LuaScript LIVE = LuaScript.load(NodeStatsStore.class, "live-stats.lua");
    private static final LuaScript KEEP_SAMPLE = LuaScript.load(NodeStatsStore.class, "keep-sample.lua");
    private static final LuaScript SAMPLES = LuaScript.load(NodeStatsStore.class, "samples.lua");

    @Inject
    UnifiedJedis redis;

    public void publish(NodeStats stats, Duration lifetime) {
        PUBLISH.run(redis, List.of(Keys.STATS_NODES, Keys.nodeStats(stats.node())),
                List.of(stats.node(), Json.write(stats), String.valueOf(lifetime.toMillis())));
    }

    /** The figures of every node that published lately, as JSON, by node id. */
    public Map<String, String> live() {
        List<String> nodes = redis.zrange(Keys.STATS_NODES, 0, -1);
        List<String> keys = new ArrayList<>(List.of(Keys.STATS_NODES));
        nodes.forEach(node -> keys.add(Keys.nodeStats(node)));
        List<?> reply = (List<?>) LIVE.run(redis, keys, nodes);
        Map<String, String> byNode = new TreeMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            byNode.put((String) reply.get(i), (String) reply.get(i + 1));
        }
        return byNode;
    }

    /** Adds one sample to the node's history, which keeps samples for {@code kept}, at most {@code most} of them. */
    public void keepSample(String node, String sampleJson, Duration kept, int most) {
        KEEP_SAMPLE.run(redis, List.of(Keys.STATS_HISTORY_NODES, Keys.nodeHistory(node)),
                List.of(node, sampleJson, String.valueOf(kept.toMillis()), String.valueOf(most)));
    }

    /** The samples of the last {@code period} as JSON, oldest first, by node id. */
    public Map<String, List<String>> samples(Duration period) {
        List<String> nodes = redis.zrange(Keys.STATS_HISTORY_NODES, 0, -1);
        List<String> keys = new ArrayList<>(List.of(Keys.STATS_HISTORY_NODES));
        nodes.forEach(node -> keys.add(Keys.nodeHistory(node)));
        List<String> args = new ArrayList<>(List.of(String.valueOf(period.toMillis())));
        args.addAll(nodes);
        List<?> reply = (List<?>) SAMPLES.run(redis, keys, args);
        Map<String, List<String>> byNode = new TreeMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            byNode.put((String) reply.get(i), ((List<?>) reply.get(i + 1)).stream().map(String.class::cast).toList());
        }
        return byNode;
    }

    public void remove(String node) {
        redis.zrem(Keys.STATS_NODES, node);
        redis.del(Keys.nodeStats(node));
    }
}
