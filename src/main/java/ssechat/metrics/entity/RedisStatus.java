package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Whether a node reaches Redis: {@code UP} or {@code DOWN}, a PING's round trip, and its pub/sub:
 * whether it is subscribed, to how many room channels, and how many messages it received since it started.
 */
@JsonbPropertyOrder({"state", "roundTripMillis", "subscribed", "subscribedRooms", "messagesReceived"})
public record RedisStatus(String state, Double roundTripMillis, boolean subscribed, int subscribedRooms, long messagesReceived) {

    public static RedisStatus up(double roundTripMillis, boolean subscribed, int subscribedRooms, long messagesReceived) {
        return new RedisStatus("UP", roundTripMillis, subscribed, subscribedRooms, messagesReceived);
    }

    public static RedisStatus down(boolean subscribed, int subscribedRooms, long messagesReceived) {
        return new RedisStatus("DOWN", null, subscribed, subscribedRooms, messagesReceived);
    }
}
