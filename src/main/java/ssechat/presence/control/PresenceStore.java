package ssechat.presence.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import ssechat.http.Json;
import ssechat.presence.entity.UserActivity;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * Who is online in which room, counted in Redis as streams per user per room on each node, so that
 * every node sees the same list and a dead node's streams can be taken out by the others.
 * {@link OnlineUsers} reads the list.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PresenceStore {

    private static final LuaScript JOIN = LuaScript.load(PresenceStore.class, "join.lua");
    private static final LuaScript LEAVE = LuaScript.load(PresenceStore.class, "leave.lua");
    private static final LuaScript REAP = LuaScript.load(PresenceStore.class, "reap.lua");
    private static final LuaScript REFRESH = LuaScript.load(PresenceStore.class, "refresh.lua");

    @Inject
    UnifiedJedis redis;

    public void join(String node, String room, String user) {
        JOIN.run(redis, List.of(Keys.online(room), Keys.nodeStreams(node), Keys.ROOMS),
                List.of(user, room, Keys.roomChannel(room), event(room, user)));
    }

    public void leave(String node, String room, String user) {
        LEAVE.run(redis, List.of(Keys.online(room), Keys.nodeStreams(node)),
                List.of(user, room, Keys.roomChannel(room), event(room, user)));
    }

    /** Marks the node alive for {@code period}; true when it had been forgotten and must count its streams again. */
    public boolean refresh(String node, Duration period) {
        return Long.valueOf(1).equals(REFRESH.run(redis, List.of(Keys.NODES, Keys.nodeAlive(node)),
                List.of(node, String.valueOf(period.toMillis()))));
    }

    /** Takes every node whose alive key has expired out of presence. */
    public void reapDead() {
        Set<String> nodes = redis.smembers(Keys.NODES);
        for (String node : nodes) {
            reap(node, false);
        }
    }

    public void reap(String node, boolean evenIfAlive) {
        REAP.run(redis, List.of(Keys.NODES, Keys.nodeAlive(node), Keys.nodeStreams(node), Keys.nodeStreamCounts(node)),
                List.of(node, String.valueOf(System.currentTimeMillis()), evenIfAlive ? "1" : "0",
                        Keys.online(""), Keys.roomChannel("")));
    }

    /** A stopping node stays counted for {@code grace}, so users who reconnect elsewhere see no leave and join. */
    public void retire(String node, Duration grace) {
        if (grace.isZero()) {
            reap(node, true);
        } else {
            redis.pexpire(Keys.nodeAlive(node), grace.toMillis());
        }
    }

    private static String event(String room, String user) {
        return Json.write(UserActivity.now(room, user));
    }
}
