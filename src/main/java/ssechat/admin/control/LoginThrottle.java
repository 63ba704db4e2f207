package ssechat.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.config.ChatConfig;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * Slows down password guessing on the admin API: after {@code CHAT_ADMIN_LOGIN_FAILURES} failed
 * sign-ins from one client address, or for one user name from anywhere, each further try waits
 * 1 s, then 2, 4, ... up to {@code CHAT_ADMIN_LOGIN_MAX_BLOCK_SECONDS}; a success clears both
 * counts. Counted in Redis, so the limit holds across nodes. Without Redis the admin API stays
 * usable (the dashboard shows a Redis outage) and sign-ins are not throttled meanwhile.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    private static final LuaScript CHECK = LuaScript.load(LoginThrottle.class, "login-check.lua");
    private static final LuaScript FAILED = LuaScript.load(LoginThrottle.class, "login-failed.lua");
    private static final long FIRST_BLOCK_MILLIS = 1000;

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;

    /** What the throttle says before the password is compared. */
    public record Verdict(Duration retryAfter, boolean failuresCounted) {
        public boolean blocked() {
            return !retryAfter.isZero();
        }
    }

    public Verdict check(String address, String user) {
        try {
            List<?> answer = (List<?>) CHECK.run(redis, List.of(Keys.adminBlock("addr", address), Keys.adminBlock("user", digest(user)),
                    Keys.adminFailures("addr", address), Keys.adminFailures("user", digest(user))), List.of());
            return new Verdict(Duration.ofMillis((Long) answer.get(0)), (Long) answer.get(1) > 0);
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Admin sign-ins are not throttled while Redis does not answer: {0}", e.toString());
            return new Verdict(Duration.ZERO, false);
        }
    }

    public void failed(String address, String user) {
        try {
            List<?> answer = (List<?>) FAILED.run(redis, List.of(Keys.adminFailures("addr", address), Keys.adminFailures("user", digest(user)),
                            Keys.adminBlock("addr", address), Keys.adminBlock("user", digest(user)), Keys.adminThrottleLogged(address)),
                    List.of(String.valueOf(config.adminLoginFailures()), String.valueOf(config.adminLoginWindow().toMillis()),
                            String.valueOf(FIRST_BLOCK_MILLIS), String.valueOf(config.adminLoginMaxBlock().toMillis())));
            if ((Long) answer.get(1) == 1) {
                LOG.log(Level.WARNING, "Admin sign-ins from {0} are throttled: {1} failed from this address, {2} for the"
                        + " user name tried (logged once per {3} s per address)",
                        new Object[] {printable(address), answer.get(2), answer.get(3), config.adminLoginWindow().toSeconds()});
            }
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "A failed admin sign-in could not be counted: {0}", e.toString());
        }
    }

    /** Forgets the failures of both after a successful sign-in. */
    public void succeeded(String address, String user) {
        try {
            redis.del(Keys.adminFailures("addr", address), Keys.adminFailures("user", digest(user)));
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Failed admin sign-ins could not be cleared: {0}", e.toString());
        }
    }

    /** User names come from anyone: in keys they are a fixed-size digest. */
    private static String digest(String user) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
