package ssechat.metrics.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.http.Json;
import ssechat.metrics.entity.Messages;
import ssechat.metrics.entity.NodeHistory;
import ssechat.metrics.entity.NodeSample;
import ssechat.metrics.entity.NodeStats;

/**
 * Every node's figures over the last hour: each node keeps one sample per {@link #PERIOD} in Redis,
 * where it outlives the node for {@link #KEPT}, so that a console opens with its charts filled.
 * Concurrency: the sampler's single thread calls {@link #sampled}; reads only touch Redis.
 */
@ApplicationScoped
public class SampleHistory {

    public static final Duration PERIOD = Duration.ofSeconds(5);
    public static final Duration KEPT = Duration.ofHours(1);
    /** An hour of samples, and a few more for periods that ran short; never more, whatever the clocks say. */
    static final int MOST_SAMPLES = (int) (KEPT.toMillis() / PERIOD.toMillis()) + 12;
    private static final Logger LOG = Logger.getLogger(SampleHistory.class.getName());

    @EJB
    NodeStatsStore store;

    private NodeStats lastKept;
    private long samplesSeen;

    /** After each sample of this node: every {@link #PERIOD}'s worth of them is kept. */
    void sampled(@Observes NodeStats stats) {
        if (++samplesSeen % (PERIOD.toMillis() / NodeSampler.PERIOD.toMillis()) != 0) {
            return;
        }
        NodeSample sample = sampleOf(stats, lastKept);
        lastKept = stats;
        try {
            store.keepSample(stats.node(), Json.write(sample), KEPT, MOST_SAMPLES);
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Could not keep this node's sample in Redis (the sampler says when Redis is away)", e);
        }
    }

    /** Every node's samples of the last {@code period}, by node id. */
    public List<NodeHistory> last(Duration period) {
        List<NodeHistory> nodes = new ArrayList<>();
        for (Map.Entry<String, List<String>> node : store.samples(period).entrySet()) {
            nodes.add(new NodeHistory(node.getKey(), node.getValue().stream().map(json -> Json.read(json, NodeSample.class)).toList()));
        }
        return nodes;
    }

    /** Rates over the period since the last kept sample; the latency's window is that period already. */
    static NodeSample sampleOf(NodeStats now, NodeStats before) {
        Messages messages = now.messages();
        if (before != null) {
            long millis = now.at() - before.at();
            messages = new Messages(messages.published(), messages.delivered(),
                    NodeFigures.perSecond(messages.published() - before.messages().published(), millis),
                    NodeFigures.perSecond(messages.delivered() - before.messages().delivered(), millis));
        }
        return new NodeSample(now.at(), now.uptimeSeconds(), now.streams().total(), now.onlineUsers(), messages,
                now.recentLatencyMillis(), now.droppedStreams(), now.redis(), now.heap());
    }
}
