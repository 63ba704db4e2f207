package ssechat.redis.entity;

import java.util.Set;

/**
 * Fired once the bridge is subscribed again to the channels of {@code rooms} after losing them (a lost
 * connection, or on a Redis Cluster a room whose slot moved to another shard): whatever was published
 * there meanwhile was missed, and must be filled in from history before live messages go on.
 */
public record Resubscribed(int attempt, Set<String> rooms) {

    public Resubscribed {
        rooms = Set.copyOf(rooms);
    }
}
