package ssechat.redis.control;

import java.util.Set;

/**
 * One pub/sub connection as {@link RoomSubscriptions} sees it: channels asked for are subscribed, on this
 * connection and on every one after it, until they are given up. Calls return at once; the
 * {@link Listener} hears when a channel is active, what arrives, and when the connection is lost.
 * On a Redis Cluster, {@link ShardedSubscriber} holds one per shard, subscribed with {@code SSUBSCRIBE}.
 */
public interface Subscriber {

    void subscribe(String channel);

    void unsubscribe(String channel);

    /** Connected, and the channels asked for when it connected are subscribed. */
    boolean isSubscribed();

    void start();

    void stop();

    /**
     * Called in the order Redis sent things: on the subscriber's one thread (on a cluster, each shard's
     * on its own); each hears only what it overrides.
     */
    interface Listener {

        /** A connection is subscribed (again) to {@code channels}: whatever they carried before was missed. */
        default void connected(Set<String> channels, int failedAttempts) {
        }

        /** The last subscribe asked for {@code channel} is confirmed: from now on its messages arrive. */
        default void active(String channel) {
        }

        default void message(String channel, String payload) {
        }

        /** The connection holding {@code channels} is gone: none is active until {@link #connected} or {@link #active} again. */
        default void lost(Set<String> channels) {
        }

        /** Redis ended the subscription of a channel still held (on a cluster: its slot moved to another shard). */
        default void dropped(String channel) {
        }
    }
}
