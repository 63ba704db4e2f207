package ssechat.presence.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;
import ssechat.http.Json;
import ssechat.presence.entity.UserActivity;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * Who is online in which room, counted in Redis as streams per user per room on each node, so that
 * every node sees the same list and a dead node's streams can be taken out by the others.
 * <p>
 * A room's counts live in the room's slot and a node's list of its rooms in the node's, so a join
 * is two steps: the room goes on the node's list first, so that a reaper, which reads the list,
 * finds every room where the node counted a stream (the list may name rooms where nothing is left).
 * A reap takes the node's streams out room by room and forgets the node last, so a reap cut short
 * is finished by the next one; a lock keeps two nodes from reaping one node at the same time.
 * {@link OnlineUsers} reads who is online.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PresenceStore {

    private static final LuaScript JOIN = LuaScript.load(PresenceStore.class, "join.lua");
    private static final LuaScript LEAVE = LuaScript.load(PresenceStore.class, "leave.lua");
    private static final LuaScript REFRESH = LuaScript.load(PresenceStore.class, "refresh.lua");
    private static final LuaScript DEAD_NODES = LuaScript.load(PresenceStore.class, "dead-nodes.lua");
    private static final LuaScript REAP_START = LuaScript.load(PresenceStore.class, "reap-start.lua");
    private static final LuaScript REAP_ROOM = LuaScript.load(PresenceStore.class, "reap-room.lua");
    private static final LuaScript REAP_END = LuaScript.load(PresenceStore.class, "reap-end.lua");
    /** How long a reaper may take before another node may take over. */
    private static final Duration REAP_LOCK = Duration.ofSeconds(30);

    @Inject
    UnifiedJedis redis;

    public void join(String node, String room, String user) {
        redis.sadd(Keys.nodeRooms(node), room);
        List<?> reply = (List<?>) JOIN.run(redis, List.of(Keys.online(room), Keys.roomNodeStreams(room, node), Keys.roomChannel(room)),
                List.of(user, event(room, user)));
        redis.zadd(Keys.ROOMS, (Long) reply.get(1), room, ZAddParams.zAddParams().gt());
    }

    public void leave(String node, String room, String user) {
        LEAVE.run(redis, List.of(Keys.online(room), Keys.roomNodeStreams(room, node), Keys.roomChannel(room)),
                List.of(user, event(room, user)));
    }

    /** Marks the node alive for {@code period}; true when it had been forgotten and must count its streams again. */
    public boolean refresh(String node, Duration period) {
        return Long.valueOf(1).equals(REFRESH.run(redis, List.of(Keys.NODES), List.of(node, String.valueOf(period.toMillis()), "")));
    }

    /** Takes every node that is no longer alive out of presence. */
    public void reapDead() {
        for (Object node : (List<?>) DEAD_NODES.run(redis, List.of(Keys.NODES), List.of())) {
            reap((String) node, false);
        }
    }

    /**
     * Takes the node's streams out of presence and out of the stream caps: a dead node's, which is
     * then forgotten, or ({@code evenIfAlive}) this node's own at a (re)start, which stays listed.
     */
    public void reap(String node, boolean evenIfAlive) {
        if (!Long.valueOf(1).equals(REAP_START.run(redis, List.of(Keys.NODES, Keys.reaping(node)),
                List.of(node, evenIfAlive ? "1" : "0", String.valueOf(REAP_LOCK.toMillis()))))) {
            return;
        }
        String now = String.valueOf(System.currentTimeMillis());
        for (String room : redis.smembers(Keys.nodeRooms(node))) {
            REAP_ROOM.run(redis, List.of(Keys.online(room), Keys.roomNodeStreams(room, node), Keys.roomChannel(room)), List.of(room, now));
            redis.srem(Keys.nodeRooms(node), room);
        }
        String counts = Keys.nodeStreamCounts(node);
        for (String cap : redis.hkeys(counts)) {
            redis.hdel(cap, node);
            redis.hdel(counts, cap);
        }
        REAP_END.run(redis, List.of(Keys.NODES, Keys.reaping(node)), List.of(node, evenIfAlive ? "0" : "1"));
    }

    /** A stopping node stays counted for {@code grace}, so users who reconnect elsewhere see no leave and join. */
    public void retire(String node, Duration grace) {
        if (grace.isZero()) {
            reap(node, true);
            redis.zrem(Keys.NODES, node);
        } else {
            REFRESH.run(redis, List.of(Keys.NODES), List.of(node, String.valueOf(grace.toMillis()), "XX"));
        }
    }

    private static String event(String room, String user) {
        return Json.write(UserActivity.now(room, user));
    }
}
