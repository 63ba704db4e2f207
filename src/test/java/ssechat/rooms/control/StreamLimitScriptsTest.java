package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;
import ssechat.it.TestRedis;
import ssechat.presence.control.PresenceStore;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/** The stream cap scripts against a real Redis: counted per node, dead nodes left out, never below zero. */
class StreamLimitScriptsTest {

    private static final LuaScript OPEN = LuaScript.load(StreamLimit.class, "open-stream.lua");
    private static final LuaScript CLOSE = LuaScript.load(StreamLimit.class, "close-stream.lua");
    private static final LuaScript REAP = LuaScript.load(PresenceStore.class, "reap.lua");
    private final RedisClient redis = TestRedis.client();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String node = "n-" + id;
    private final String other = "o-" + id;
    private final String user = Keys.userStreams("u" + id);
    private final String address = Keys.addressStreams("a" + id);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void countsInUpToEachCapThenNamesTheFullOne() {
        for (int i = 0; i < 2; i++) {
            assertEquals(0L, open(node, 2, 5));
        }
        assertEquals(1L, open(node, 2, 5), "the user's cap is full");
        assertEquals(2L, open(node, 9, 2), "the address's cap is full");
        assertEquals(Map.of(node, "2"), redis.hgetAll(user));
        assertEquals(Map.of(user, "2", address, "2"), redis.hgetAll(Keys.nodeStreamCounts(node)));
    }

    @Test
    void streamsOnOtherLiveNodesCountThoseOfDeadNodesDoNot() {
        redis.set(Keys.nodeAlive(other), "1", SetParams.setParams().px(60_000));
        redis.hset(user, other, "3");
        assertEquals(1L, open(node, 3, 9), "three streams elsewhere fill a cap of three");
        redis.del(Keys.nodeAlive(other));
        assertEquals(0L, open(node, 3, 9), "a node that stopped answering counts no more");
        assertEquals(Map.of(node, "1"), redis.hgetAll(user), "and its field is gone");
    }

    @Test
    void closingNeverGoesBelowZeroAndLeavesNoField() {
        open(node, 5, 5);
        close(node);
        close(node);
        assertFalse(redis.exists(user));
        assertFalse(redis.exists(address));
        assertFalse(redis.exists(Keys.nodeStreamCounts(node)));
    }

    @Test
    void reapingANodeTakesItsStreamsOutOfEveryCap() {
        redis.set(Keys.nodeAlive(other), "1", SetParams.setParams().px(60_000));
        open(node, 5, 5);
        open(other, 5, 5);
        REAP.run(redis, List.of(Keys.NODES, Keys.nodeAlive(node), Keys.nodeStreams(node), Keys.nodeStreamCounts(node)),
                List.of(node, "0", "1", Keys.online(""), Keys.roomChannel("")));
        assertEquals(Map.of(other, "1"), redis.hgetAll(user));
        assertEquals(Map.of(other, "1"), redis.hgetAll(address));
        assertFalse(redis.exists(Keys.nodeStreamCounts(node)));
    }

    private Object open(String from, int userCap, int addressCap) {
        String[] alive = Keys.nodeAlive("\n").split("\n");
        return OPEN.run(redis, List.of(Keys.nodeStreamCounts(from), user, address),
                List.of(from, alive[0], alive[1], String.valueOf(userCap), String.valueOf(addressCap)));
    }

    private void close(String from) {
        CLOSE.run(redis, List.of(Keys.nodeStreamCounts(from), user, address), List.of(from));
    }
}
