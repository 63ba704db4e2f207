package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One node's figures as kept in its history: those of {@link NodeStats} but the streams per room (so
 * that a sample's size stays bounded), with rates per second and latency percentiles over the
 * period since the sample before, not since start.
 */
@JsonbPropertyOrder({"at", "uptimeSeconds", "streams", "onlineUsers", "messages", "latencyMillis", "droppedStreams",
        "redis", "heap"})
public record NodeSample(long at, long uptimeSeconds, int streams, long onlineUsers, Messages messages, Latency latencyMillis,
                         long droppedStreams, RedisStatus redis, Heap heap) {
}
