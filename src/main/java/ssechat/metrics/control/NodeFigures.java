package ssechat.metrics.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.config.ChatConfig;
import ssechat.metrics.entity.Heap;
import ssechat.metrics.entity.Latency;
import ssechat.metrics.entity.Messages;
import ssechat.metrics.entity.NodeStats;
import ssechat.metrics.entity.RedisStatus;
import ssechat.metrics.entity.Streams;
import ssechat.redis.control.RedisBridge;

/** Reads this node's figures from where they live: the streams, the counters, a Redis PING and the JVM. */
@ApplicationScoped
public class NodeFigures {

    @Inject
    LocalStreams rooms;
    @Inject
    ChatMetrics metrics;
    @EJB
    RedisBridge bridge;
    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;

    private LatencyWindow recentLatency;

    @PostConstruct
    void init() {
        recentLatency = new LatencyWindow(metrics.latency(), (int) (SampleHistory.PERIOD.toMillis() / NodeSampler.PERIOD.toMillis()));
    }

    /**
     * The figures now; rates are per second since {@code previous} (zero without one). Called once
     * per sampling period, by one thread at a time: each call moves the recent latency's window on.
     */
    public synchronized NodeStats sample(NodeStats previous) {
        long now = System.currentTimeMillis();
        Map<String, Integer> byRoom = rooms.streamsByRoom();
        int total = byRoom.values().stream().mapToInt(Integer::intValue).sum();
        LatencyHistogram latency = metrics.latency();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new NodeStats(config.nodeId(), now, ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                new Streams(total, byRoom), rooms.onlineUsers(), messages(previous, now),
                new Latency(latency.quantile(0.5), latency.quantile(0.9), latency.quantile(0.99)), recentLatency.next(),
                metrics.droppedCount(), redis(), new Heap(heap.getUsed(), heap.getMax()));
    }

    private Messages messages(NodeStats previous, long now) {
        long published = metrics.publishedCount();
        long delivered = metrics.deliveredCount();
        if (previous == null) {
            return new Messages(published, delivered, 0, 0);
        }
        long millis = now - previous.at();
        return new Messages(published, delivered, perSecond(published - previous.messages().published(), millis),
                perSecond(delivered - previous.messages().delivered(), millis));
    }

    /** Rounded to hundredths, so that the JSON stays short. */
    static double perSecond(long count, long millis) {
        return millis <= 0 ? 0 : Math.round(count * 100_000.0 / millis) / 100.0;
    }

    private RedisStatus redis() {
        boolean subscribed = bridge.isSubscribed();
        int rooms = bridge.subscriptions().rooms();
        long received = bridge.messagesReceived();
        long start = System.nanoTime();
        try {
            redis.ping();
            return RedisStatus.up(Math.round((System.nanoTime() - start) / 10_000.0) / 100.0, subscribed, rooms, received);
        } catch (JedisException e) {
            return RedisStatus.down(subscribed, rooms, received);
        }
    }
}
