package ssechat.metrics.control;

import java.util.Map;

/** This node's figures over JMX, as {@code ssechat:type=ChatNode} in the platform MBean server. */
public interface ChatNodeMXBean {

    String getNode();
    long getUptimeSeconds();
    int getOpenStreams();
    Map<String, Integer> getOpenStreamsByRoom();
    long getOnlineUsers();
    long getMessagesPublished();
    long getMessagesDelivered();
    double getPublishedPerSecond();
    double getDeliveredPerSecond();
    long getLatencyP50Millis();
    long getLatencyP90Millis();
    long getLatencyP99Millis();
    long getStreamsDropped();
    String getRedisState();
    double getRedisRoundTripMillis();
    long getHeapUsedBytes();
    long getHeapMaxBytes();
}
