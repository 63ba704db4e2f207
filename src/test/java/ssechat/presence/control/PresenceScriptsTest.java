package ssechat.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/** The presence scripts against a real Redis: counts per node, totals per room, reaping. */
class PresenceScriptsTest {

    private static final LuaScript JOIN = LuaScript.load(PresenceStore.class, "join.lua");
    private static final LuaScript LEAVE = LuaScript.load(PresenceStore.class, "leave.lua");
    private static final LuaScript REAP = LuaScript.load(PresenceStore.class, "reap.lua");
    private final RedisClient redis = TestRedis.client();
    private final String room = "p-" + UUID.randomUUID().toString().substring(0, 8);
    private final String nodeA = "a-" + room;
    private final String nodeB = "b-" + room;

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void onlyTheFirstJoinAndTheLastLeaveAreAnnounced() {
        assertEquals(1L, join(nodeA, "ann"));
        assertEquals(0L, join(nodeB, "ann"));
        assertEquals(0L, join(nodeA, "ann"));
        assertEquals(0L, leave(nodeA, "ann"));
        assertEquals(0L, leave(nodeB, "ann"));
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
        assertEquals(1L, leave(nodeA, "ann"));
        assertEquals(Map.of(), redis.hgetAll(Keys.online(room)));
    }

    @Test
    void reapingADeadNodeRemovesOnlyItsStreams() {
        join(nodeA, "ann");
        join(nodeB, "ann");
        join(nodeB, "bob");
        join(nodeB, "bob");
        redis.sadd(Keys.NODES, nodeB);
        REAP.run(redis, List.of(Keys.NODES, Keys.nodeAlive(nodeB), Keys.nodeStreams(nodeB), Keys.nodeStreamCounts(nodeB)),
                List.of(nodeB, "1", "0", Keys.online(""), Keys.roomChannel("")));
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
        assertFalse(redis.sismember(Keys.NODES, nodeB));
        assertEquals(0L, leave(nodeB, "bob"), "a leave from a reaped node changes nothing");
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
    }

    @Test
    void aLiveNodeIsNotReaped() {
        join(nodeA, "ann");
        redis.set(Keys.nodeAlive(nodeA), "1");
        assertEquals(0L, REAP.run(redis, List.of(Keys.NODES, Keys.nodeAlive(nodeA), Keys.nodeStreams(nodeA), Keys.nodeStreamCounts(nodeA)),
                List.of(nodeA, "1", "0", Keys.online(""), Keys.roomChannel(""))));
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
    }

    private Object join(String node, String user) {
        return JOIN.run(redis, List.of(Keys.online(room), Keys.nodeStreams(node), Keys.ROOMS), List.of(user, room, Keys.roomChannel(room), "{}"));
    }

    private Object leave(String node, String user) {
        return LEAVE.run(redis, List.of(Keys.online(room), Keys.nodeStreams(node), Keys.ROOMS), List.of(user, room, Keys.roomChannel(room), "{}"));
    }
}
