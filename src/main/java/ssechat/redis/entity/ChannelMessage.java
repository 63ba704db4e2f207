package ssechat.redis.entity;

/** One message as it arrived on a subscribed Redis channel, fired as a CDI event by the bridge. */
public record ChannelMessage(String channel, String payload) {
}
