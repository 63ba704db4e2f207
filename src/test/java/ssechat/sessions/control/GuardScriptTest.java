package ssechat.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.LuaScript;

/** guard.lua against a real Redis: the session check and fixed-window limits in one call. */
class GuardScriptTest {

    private static final LuaScript GUARD = LuaScript.of(SessionCheck.LUA + LuaScript.read(WriteGuard.class, "guard.lua"));
    private static final String EXPIRES = String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond());
    private final RedisClient redis = TestRedis.client();
    private final String id = UUID.randomUUID().toString();
    private final String claim = "claim:" + id;
    private final String revoked = "revoked:" + id;
    private final String ban = "ban:" + id;
    private final List<String> keys = List.of(claim, revoked, ban, "user:" + id, "addr:" + id);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void admitsUpToTheLimitThenTellsHowLongToWait() {
        redis.set(claim, "sid");
        for (int i = 0; i < 3; i++) {
            assertEquals(0L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100")));
        }
        long wait = (Long) GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100"));
        assertTrue(wait > 9000 && wait <= 10000, "ms until the window ends: " + wait);
    }

    @Test
    void theAddressLimitCountsEveryUser() {
        redis.set(claim, "sid");
        List<String> otherUser = List.of(claim, revoked, ban, "user2:" + id, "addr:" + id);
        assertEquals(0L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "5", "2")));
        assertEquals(0L, GUARD.run(redis, otherUser, List.of("sid", EXPIRES, "10000", "5", "2")));
        assertTrue((Long) GUARD.run(redis, otherUser, List.of("sid", EXPIRES, "10000", "5", "2")) > 0);
    }

    @Test
    void aSessionWhoseNameIsHeldByAnotherIsRefusedAsTaken() {
        redis.set(claim, "another-sid");
        assertEquals(-2L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100")));
        assertEquals(null, redis.get("user:" + id), "a refused write counts nowhere");
    }

    @Test
    void aRevokedSessionIsRefusedAsEnded() {
        redis.set(revoked, "1");
        assertEquals(-1L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100")));
    }

    @Test
    void aSessionWhoseNameIsBannedIsRefusedAsEndedAndClaimsNothing() {
        redis.set(ban, "{}");
        assertEquals(-1L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100")));
        assertEquals(null, redis.get(claim), "a banned name is not claimed again");
        assertEquals(null, redis.get("user:" + id), "a refused write counts nowhere");
    }

    @Test
    void aSessionWhoseNameIsFreeClaimsItAgainAndWrites() {
        assertEquals(0L, GUARD.run(redis, keys, List.of("sid", EXPIRES, "10000", "3", "100")));
        assertEquals("sid", redis.get(claim));
    }

    @Test
    void anonymousWritesCountOnlyTheAddress() {
        List<String> addressOnly = List.of("sessions:" + id);
        assertEquals(0L, GUARD.run(redis, addressOnly, List.of("", "", "10000", "1")));
        assertTrue((Long) GUARD.run(redis, addressOnly, List.of("", "", "10000", "1")) > 0);
    }
}
