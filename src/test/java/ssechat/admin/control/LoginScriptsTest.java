package ssechat.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.LuaScript;

/** login-check.lua and login-failed.lua against a real Redis: counts, doubling blocks, the cap, one log line. */
class LoginScriptsTest {

    private static final LuaScript CHECK = LuaScript.load(LoginThrottle.class, "login-check.lua");
    private static final LuaScript FAILED = LuaScript.load(LoginThrottle.class, "login-failed.lua");
    private static final List<String> LIMITS = List.of("3", "60000", "1000", "5000");
    private final RedisClient redis = TestRedis.client();
    private final String id = UUID.randomUUID().toString();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void blocksFromTheAllowedCountOnDoublingUpToTheCap() {
        assertEquals(List.of(0L, 0L, 1L, 1L), failed("a", "u"));
        assertEquals(List.of(0L, 0L, 2L, 2L), failed("a", "u"));
        assertEquals(List.of(1000L, 1L, 3L, 3L), failed("a", "u"), "the third failure blocks for 1 s and is logged");
        assertEquals(List.of(2000L, 0L, 4L, 4L), failed("a", "u"), "logged once per window");
        assertEquals(List.of(4000L, 0L, 5L, 5L), failed("a", "u"));
        assertEquals(List.of(5000L, 0L, 6L, 6L), failed("a", "u"), "never longer than the cap");
        List<?> check = check("a", "u");
        assertTrue((Long) check.get(0) > 4000 && (Long) check.get(0) <= 5000, "wait " + check.get(0));
        assertEquals(1L, check.get(1));
    }

    @Test
    void theUserNameCountsAcrossAddresses() {
        failed("a1", "u");
        failed("a2", "u");
        assertEquals(1000L, failed("a3", "u").get(0));
        assertTrue((Long) check("a4", "u").get(0) > 0, "a fresh address is blocked for that user name");
        assertEquals(List.of(0L, 1L), check("a3", "other"), "another user from a counted address: counted, not blocked");
    }

    @Test
    void nothingCountedMeansNothingToClear() {
        assertEquals(List.of(0L, 0L), check("a", "u"));
    }

    /** As LoginThrottle counts a failure: the user name in its slot, then the address in its own. Answers {longest block, log, failures of the address, of the user}. */
    private List<?> failed(String address, String user) {
        List<?> byUser = (List<?>) FAILED.run(redis, List.of(key("{u}fail:" + user), key("{u}block:" + user)), LIMITS);
        List<String> args = new ArrayList<>(LIMITS);
        args.add(String.valueOf(byUser.get(0)));
        List<?> byAddress = (List<?>) FAILED.run(redis, List.of(key("{a}fail:" + address), key("{a}block:" + address), key("{a}logged:" + address)), args);
        return List.of(Math.max((Long) byUser.get(0), (Long) byAddress.get(0)), byAddress.get(1), byAddress.get(2), byUser.get(2));
    }

    /** As LoginThrottle checks: each subject in its slot. Answers {ms to wait, 1 when failures are counted for either}. */
    private List<?> check(String address, String user) {
        List<?> byAddress = (List<?>) CHECK.run(redis, List.of(key("{a}block:" + address), key("{a}fail:" + address)), List.of());
        List<?> byUser = (List<?>) CHECK.run(redis, List.of(key("{u}block:" + user), key("{u}fail:" + user)), List.of());
        return List.of(Math.max((Long) byAddress.get(0), (Long) byUser.get(0)), Math.max((Long) byAddress.get(1), (Long) byUser.get(1)));
    }

    private String key(String name) {
        return id + ":" + name;
    }
}
