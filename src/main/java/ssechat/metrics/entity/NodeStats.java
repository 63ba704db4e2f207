package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One node's figures at one moment, as the admin console, the MXBean and Prometheus show them.
 * Counters are totals since the node started; rates are per second over the last sampling period;
 * {@code latencyMillis} is since start, {@code recentLatencyMillis} over the last history period only.
 */
@JsonbPropertyOrder({"node", "at", "uptimeSeconds", "streams", "onlineUsers", "messages", "latencyMillis",
        "recentLatencyMillis", "droppedStreams", "redis", "heap"})
public record NodeStats(String node, long at, long uptimeSeconds, Streams streams, long onlineUsers, Messages messages,
                        Latency latencyMillis, Latency recentLatencyMillis, long droppedStreams, RedisStatus redis,
                        Heap heap) {
}
