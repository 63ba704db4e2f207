package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.config.TestConfig;
import ssechat.http.ApiException;
import ssechat.presence.control.PresenceStore;
import ssechat.redis.control.Keys;
import ssechat.sessions.entity.UserName;
import ssechat.it.TestBeans;
import ssechat.it.TestRedis;

/** The stream caps, driven through StreamLimit against a real Redis: counted per node, dead nodes left out, never below zero. */
class StreamLimitScriptsTest {

    private final RedisClient redis = TestRedis.client();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String node = "n-" + id;
    private final String other = "o-" + id;
    private final String userName = "u" + id;
    private final String address = "a" + id;
    private final String userCap = Keys.userStreams(UserName.claimForm(userName));
    private final String addressCap = Keys.addressStreams(address);

    @AfterEach
    void close() {
        redis.zrem(Keys.NODES, node, other);
        redis.close();
    }

    @Test
    void countsInUpToEachCapThenRefusesWithoutCountingAnything() {
        StreamLimit limit = limit(node, 2, 3);
        limit.admit(userName, address);
        limit.admit(userName, address);
        assertThrows(ApiException.class, () -> limit.admit(userName, address), "the user's cap is full");
        limit.admit(null, address);
        assertThrows(ApiException.class, () -> limit.admit(null, address), "the address's cap is full");
        assertEquals(Map.of(node, "2"), redis.hgetAll(userCap));
        assertEquals(Map.of(node, "3"), redis.hgetAll(addressCap));
        assertEquals(Map.of(userCap, "2", addressCap, "3"), redis.hgetAll(Keys.nodeStreamCounts(node)));
    }

    @Test
    void aStreamRefusedByTheAddressIsCountedOutOfTheUsersCapAgain() {
        StreamLimit limit = limit(node, 5, 1);
        limit.admit(null, address);
        assertThrows(ApiException.class, () -> limit.admit(userName, address));
        assertFalse(redis.exists(userCap));
        assertEquals(Map.of(addressCap, "1"), redis.hgetAll(Keys.nodeStreamCounts(node)));
    }

    @Test
    void streamsOnOtherLiveNodesCountThoseOfDeadNodesDoNot() {
        presence().refresh(other, Duration.ofSeconds(60));
        redis.hset(userCap, other, "3");
        StreamLimit limit = limit(node, 3, 9);
        assertThrows(ApiException.class, () -> limit.admit(userName, address), "three streams elsewhere fill a cap of three");
        redis.zrem(Keys.NODES, other);
        limit.admit(userName, address);
        assertEquals(Map.of(node, "1"), redis.hgetAll(userCap), "a node that stopped answering counts no more, and its field is gone");
    }

    @Test
    void closingNeverGoesBelowZeroAndLeavesNoField() {
        StreamLimit limit = limit(node, 5, 5);
        StreamLimit.Slot slot = limit.admit(userName, address);
        limit.close(slot);
        limit.close(slot);
        assertFalse(redis.exists(userCap));
        assertFalse(redis.exists(addressCap));
        assertFalse(redis.exists(Keys.nodeStreamCounts(node)));
    }

    @Test
    void reapingANodeTakesItsStreamsOutOfEveryCap() {
        presence().refresh(other, Duration.ofSeconds(60));
        limit(node, 5, 5).admit(userName, address);
        limit(other, 5, 5).admit(userName, address);
        presence().reap(node, true);
        assertEquals(Map.of(other, "1"), redis.hgetAll(userCap));
        assertEquals(Map.of(other, "1"), redis.hgetAll(addressCap));
        assertFalse(redis.exists(Keys.nodeStreamCounts(node)));
    }

    private StreamLimit limit(String nodeId, int perUser, int perAddress) {
        StreamLimit limit = new StreamLimit();
        limit.redis = redis;
        limit.config = TestConfig.of(nodeId, perUser, perAddress);
        return limit;
    }

    /** Presence's store, whose reaper takes a node's counts out of the caps. */
    private PresenceStore presence() {
        return new TestBeans(redis, TestConfig.of(node, 5, 5)).fill(new PresenceStore());
    }
}
