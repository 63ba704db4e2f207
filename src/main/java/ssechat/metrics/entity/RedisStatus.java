package ssechat.metrics.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Whether a node reaches Redis: {@code UP} or {@code DOWN}, a PING's round trip, and the pub/sub subscription. */
@JsonbPropertyOrder({"state", "roundTripMillis", "subscribed"})
public record RedisStatus(String state, Double roundTripMillis, boolean subscribed) {

    public static RedisStatus up(double roundTripMillis, boolean subscribed) {
        return new RedisStatus("UP", roundTripMillis, subscribed);
    }

    public static RedisStatus down(boolean subscribed) {
        return new RedisStatus("DOWN", null, subscribed);
    }
}
