package ssechat.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import ssechat.it.TestRedis;
import ssechat.redis.control.LuaScript;

/** guard.lua against a real Redis: session liveness and fixed-window limits in one call. */
class GuardScriptTest {

    private static final LuaScript GUARD = LuaScript.load(WriteGuard.class, "guard.lua");
    private final JedisPooled redis = TestRedis.client();
    private final String id = UUID.randomUUID().toString();
    private final String claim = "claim:" + id;
    private final List<String> keys = List.of(claim, "user:" + id, "addr:" + id);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void admitsUpToTheLimitThenTellsHowLongToWait() {
        redis.set(claim, "sid");
        for (int i = 0; i < 3; i++) {
            assertEquals(0L, GUARD.run(redis, keys, List.of("sid", "10000", "3", "100")));
        }
        long wait = (Long) GUARD.run(redis, keys, List.of("sid", "10000", "3", "100"));
        assertTrue(wait > 9000 && wait <= 10000, "ms until the window ends: " + wait);
    }

    @Test
    void theAddressLimitCountsEveryUser() {
        redis.set(claim, "sid");
        List<String> otherUser = List.of(claim, "user2:" + id, "addr:" + id);
        assertEquals(0L, GUARD.run(redis, keys, List.of("sid", "10000", "5", "2")));
        assertEquals(0L, GUARD.run(redis, otherUser, List.of("sid", "10000", "5", "2")));
        assertTrue((Long) GUARD.run(redis, otherUser, List.of("sid", "10000", "5", "2")) > 0);
    }

    @Test
    void aSessionThatNoLongerHoldsItsNameIsRefused() {
        assertEquals(-1L, GUARD.run(redis, keys, List.of("sid", "10000", "3", "100")));
        redis.set(claim, "another-sid");
        assertEquals(-1L, GUARD.run(redis, keys, List.of("sid", "10000", "3", "100")));
    }

    @Test
    void anonymousWritesCountOnlyTheAddress() {
        List<String> addressOnly = List.of("sessions:" + id);
        assertEquals(0L, GUARD.run(redis, addressOnly, List.of("", "10000", "1")));
        assertTrue((Long) GUARD.run(redis, addressOnly, List.of("", "10000", "1")) > 0);
    }
}
