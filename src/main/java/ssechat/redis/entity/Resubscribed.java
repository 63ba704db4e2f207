package ssechat.redis.entity;

/**
 * Fired once the bridge is subscribed again after losing Redis: whatever was published meanwhile
 * was missed, and must be filled in from history before live messages go on.
 */
public record Resubscribed(int attempt) {
}
