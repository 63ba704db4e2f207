package ssechat.metrics.control;

import java.util.Map;
import java.util.function.Supplier;
import ssechat.metrics.entity.NodeStats;

/** The MXBean: each attribute read from the latest snapshot, the same figures the console shows. */
final class ChatNode implements ChatNodeMXBean {

    private final Supplier<NodeStats> latest;

    ChatNode(Supplier<NodeStats> latest) {
        this.latest = latest;
    }

    @Override public String getNode() { return latest.get().node(); }
    @Override public long getUptimeSeconds() { return latest.get().uptimeSeconds(); }
    @Override public int getOpenStreams() { return latest.get().streams().total(); }
    @Override public Map<String, Integer> getOpenStreamsByRoom() { return latest.get().streams().byRoom(); }
    @Override public long getOnlineUsers() { return latest.get().onlineUsers(); }
    @Override public long getMessagesPublished() { return latest.get().messages().published(); }
    @Override public long getMessagesDelivered() { return latest.get().messages().delivered(); }
    @Override public double getPublishedPerSecond() { return latest.get().messages().publishedPerSecond(); }
    @Override public double getDeliveredPerSecond() { return latest.get().messages().deliveredPerSecond(); }
    @Override public long getLatencyP50Millis() { return latest.get().latencyMillis().p50(); }
    @Override public long getLatencyP90Millis() { return latest.get().latencyMillis().p90(); }
    @Override public long getLatencyP99Millis() { return latest.get().latencyMillis().p99(); }
    @Override public long getStreamsDropped() { return latest.get().droppedStreams(); }
    @Override public String getRedisState() { return latest.get().redis().state(); }

    /** NaN while Redis is down. */
    @Override
    public double getRedisRoundTripMillis() {
        Double millis = latest.get().redis().roundTripMillis();
        return millis == null ? Double.NaN : millis;
    }

    @Override public long getHeapUsedBytes() { return latest.get().heap().usedBytes(); }
    @Override public long getHeapMaxBytes() { return latest.get().heap().maxBytes(); }
}
