package ssechat.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.Session;
import ssechat.sessions.entity.UserName;

/** live.lua (session_state) and end.lua against a real Redis: live, re-claimed, revoked, taken. */
class SessionScriptsTest {

    private static final LuaScript LIVE = LuaScript.of(SessionCheck.LUA + LuaScript.read(SessionStore.class, "live.lua"));
    private static final LuaScript END = LuaScript.load(SessionStore.class, "end.lua");
    private static final LuaScript CLAIM = LuaScript.load(SessionStore.class, "claim.lua");
    private static final LuaScript BAN = LuaScript.load(BanStore.class, "ban.lua");
    private static final long EXPIRES = Instant.now().plusSeconds(3600).getEpochSecond();
    private final RedisClient redis = TestRedis.client();
    private final String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    private final SessionCheck session = check("sid-" + name);
    private final String claim = session.keys().get(0);
    private final String revoked = session.keys().get(1);
    private final String ban = session.keys().get(2);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aSessionHoldingItsNameIsLive() {
        redis.set(claim, "sid-" + name);
        assertEquals(0L, live(session));
    }

    @Test
    void aFreeNameIsClaimedAgainUntilTheTokenExpires() {
        assertEquals(1L, live(session), "re-claimed");
        assertEquals("sid-" + name, redis.get(claim));
        assertExpiresWithTheToken(claim);
        assertEquals(0L, live(session), "live from then on");
    }

    @Test
    void aNameHeldByAnotherSessionIsTaken() {
        redis.set(claim, "someone-else");
        assertEquals(-2L, live(session));
        assertEquals("someone-else", redis.get(claim));
    }

    @Test
    void endingRevokesTheSessionAndFreesItsName() {
        redis.set(claim, "sid-" + name);
        assertEquals(1L, end(session));
        assertNull(redis.get(claim));
        assertExpiresWithTheToken(revoked);
        assertEquals(-1L, live(session), "revoked, and the free name is not claimed again");
        assertFalse(redis.exists(claim));
        assertEquals(-1L, end(session), "a second logout is refused");
    }

    @Test
    void endingASessionWhoseNameWasTakenLeavesTheNewHolderAlone() {
        redis.set(claim, "someone-else");
        assertEquals(0L, end(session));
        assertEquals("someone-else", redis.get(claim));
        assertTrue(redis.exists(revoked));
    }

    @Test
    void endingASessionWhoseClaimWasLostStillRevokesIt() {
        assertEquals(1L, end(session));
        assertEquals(-1L, live(session));
    }

    @Test
    void aBanEndsTheSessionHoldingTheNameAndRefusesClaimsUntilItRunsOut() throws Exception {
        redis.set(claim, "sid-" + name);
        redis.expire(claim, 3600);
        long until = System.currentTimeMillis() + 1500;
        String holderRevoked = Keys.revokedSession(UserName.claimForm(name), "sid-" + name);
        assertEquals(-1L, BAN.run(redis, List.of(ban, claim, holderRevoked), List.of("{\"name\":\"x\"}", String.valueOf(until), "sid-other")),
                "the holder changed since it was read: nothing is written");
        assertFalse(redis.exists(ban));
        assertEquals(1L, BAN.run(redis, List.of(ban, claim, holderRevoked), List.of("{\"name\":\"x\"}", String.valueOf(until), "sid-" + name)));
        assertNull(redis.get(claim), "the name is free for after the ban");
        assertEquals(holderRevoked, revoked);
        assertTrue(redis.ttl(revoked) > 3500, "the holder's session ended for as long as its token lives");
        assertEquals(-1L, live(session), "tokens of the name are refused while it is banned");
        assertEquals("{\"name\":\"x\"}", claim("sid-new"), "a new session is refused with the ban");
        Thread.sleep(1600);
        assertEquals(1L, claim("sid-new"), "once the ban has run out the name can be claimed");
        assertEquals(0L, claim("sid-other"), "and is held");
    }

    private Object claim(String id) {
        return CLAIM.run(redis, List.of(claim, ban), List.of(id, String.valueOf(EXPIRES)));
    }

    /** Redis 6.2 has no EXPIRETIME: the time to live must be the token's (one second's leeway). */
    private void assertExpiresWithTheToken(String key) {
        long expected = EXPIRES - Instant.now().getEpochSecond();
        long ttl = redis.ttl(key);
        assertTrue(ttl >= expected - 1 && ttl <= expected, key + " lives " + ttl + " s, the token " + expected + " s");
    }

    private long live(SessionCheck check) {
        return (Long) LIVE.run(redis, check.keys(), check.args());
    }

    private long end(SessionCheck check) {
        return (Long) END.run(redis, check.keys(), check.args());
    }

    private SessionCheck check(String id) {
        return SessionCheck.of(new Session(name, id, Instant.ofEpochSecond(EXPIRES)));
    }
}
