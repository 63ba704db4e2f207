package ssechat.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/** Presence's scripts, driven through the store against a real Redis: counts per node, totals per room, reaping. */
class PresenceScriptsTest {

    private static final LuaScript JOIN = LuaScript.load(PresenceStore.class, "join.lua");
    private static final LuaScript LEAVE = LuaScript.load(PresenceStore.class, "leave.lua");
    private final RedisClient redis = TestRedis.client();
    private final PresenceStore store = new PresenceStore();
    private final String room = "p-" + UUID.randomUUID().toString().substring(0, 8);
    private final String nodeA = "a-" + room;
    private final String nodeB = "b-" + room;

    PresenceScriptsTest() {
        store.redis = redis;
    }

    @AfterEach
    void close() {
        redis.zrem(Keys.NODES, nodeA, nodeB);
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
    void aJoinListsTheRoomForTheNodeAndMarksItActive() {
        store.join(nodeA, room, "ann");
        assertTrue(redis.sismember(Keys.nodeRooms(nodeA), room));
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.roomNodeStreams(room, nodeA)));
        assertTrue(redis.zscore(Keys.ROOMS, room) > System.currentTimeMillis() - 60_000);
    }

    @Test
    void reapingADeadNodeRemovesOnlyItsStreamsAndForgetsIt() {
        store.join(nodeA, room, "ann");
        store.join(nodeB, room, "ann");
        store.join(nodeB, room, "bob");
        store.join(nodeB, room, "bob");
        store.refresh(nodeB, Duration.ofMillis(1));
        sleep(5);
        store.reapDead();
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
        assertEquals(null, redis.zscore(Keys.NODES, nodeB), "the dead node is forgotten");
        assertFalse(redis.exists(Keys.nodeRooms(nodeB)));
        assertFalse(redis.exists(Keys.roomNodeStreams(room, nodeB)));
        assertEquals(0L, leave(nodeB, "bob"), "a leave from a reaped node changes nothing");
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
        assertTrue(store.refresh(nodeB, Duration.ofSeconds(5)), "a reaped node that comes back counts its streams again");
    }

    @Test
    void aLiveNodeIsNotReapedButItsOwnRestartTakesItsStreamsOut() {
        store.join(nodeA, room, "ann");
        assertTrue(store.refresh(nodeA, Duration.ofSeconds(60)), "a new node");
        store.reapDead();
        store.reap(nodeA, false);
        assertEquals(Map.of("ann", "1"), redis.hgetAll(Keys.online(room)));
        store.reap(nodeA, true);
        assertEquals(Map.of(), redis.hgetAll(Keys.online(room)));
        assertFalse(store.refresh(nodeA, Duration.ofSeconds(60)), "a node reaping itself stays listed");
    }

    @Test
    void aNodeBeingReapedIsNotReapedByASecondNode() {
        store.join(nodeB, room, "bob");
        redis.set(Keys.reaping(nodeB), "1");
        store.reap(nodeB, false);
        assertEquals(Map.of("bob", "1"), redis.hgetAll(Keys.online(room)), "the first reaper is at it");
        redis.del(Keys.reaping(nodeB));
        store.reap(nodeB, false);
        assertEquals(Map.of(), redis.hgetAll(Keys.online(room)));
    }

    private Object join(String node, String user) {
        return ((List<?>) JOIN.run(redis, List.of(Keys.online(room), Keys.roomNodeStreams(room, node), Keys.roomChannel(room)), List.of(user, "{}"))).get(0);
    }

    private Object leave(String node, String user) {
        return LEAVE.run(redis, List.of(Keys.online(room), Keys.roomNodeStreams(room, node), Keys.roomChannel(room)), List.of(user, "{}"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
