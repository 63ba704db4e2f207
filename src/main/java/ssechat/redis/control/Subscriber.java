package ssechat.redis.control;

/**
 * One pub/sub connection as {@link RoomSubscriptions} sees it: channels asked for are subscribed, on this
 * connection and on every one after it, until they are given up. Calls return at once; the
 * {@link Listener} hears when a channel is active, what arrives, and when the connection is lost.
 * A Redis Cluster would have one per shard, subscribed with {@code SSUBSCRIBE}.
 */
public interface Subscriber {

    void subscribe(String channel);

    void unsubscribe(String channel);

    /** Connected, and the channels asked for when it connected are subscribed. */
    boolean isSubscribed();

    void start();

    void stop();

    /** Called on the subscriber's one thread, in the order Redis sent things; each hears only what it overrides. */
    interface Listener {

        /** A connection is subscribed (again): whatever its channels carried before was missed. */
        default void connected(int failedAttempts) {
        }

        /** The last subscribe asked for {@code channel} is confirmed: from now on its messages arrive. */
        default void active(String channel) {
        }

        default void message(String channel, String payload) {
        }

        /** The connection is gone: no channel is active until {@link #connected} and {@link #active} again. */
        default void lost() {
        }
    }
}
