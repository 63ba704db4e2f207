package ssechat.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
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
            List<?> byAddress = (List<?>) CHECK.run(redis, List.of(Keys.adminBlockByAddress(address), Keys.adminFailuresByAddress(address)), List.of());
            String digest = digest(user);
            List<?> byUser = (List<?>) CHECK.run(redis, List.of(Keys.adminBlockByUser(digest), Keys.adminFailuresByUser(digest)), List.of());
            return new Verdict(Duration.ofMillis(Math.max((Long) byAddress.get(0), (Long) byUser.get(0))),
                    (Long) byAddress.get(1) + (Long) byUser.get(1) > 0);
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Admin sign-ins are not throttled while Redis does not answer: {0}", e.toString());
            return new Verdict(Duration.ZERO, false);
        }
    }

    public void failed(String address, String user) {
        try {
            List<String> args = List.of(String.valueOf(config.adminLoginFailures()), String.valueOf(config.adminLoginWindow().toMillis()),
                    String.valueOf(FIRST_BLOCK_MILLIS), String.valueOf(config.adminLoginMaxBlock().toMillis()));
            String digest = digest(user);
            List<?> byUser = (List<?>) FAILED.run(redis, List.of(Keys.adminFailuresByUser(digest), Keys.adminBlockByUser(digest)), args);
            // the address last: it is logged (once per window) when either got a block
            List<String> addressArgs = new ArrayList<>(args);
            addressArgs.add(String.valueOf(byUser.get(0)));
            List<?> byAddress = (List<?>) FAILED.run(redis, List.of(Keys.adminFailuresByAddress(address), Keys.adminBlockByAddress(address),
                    Keys.adminThrottleLogged(address)), addressArgs);
            if ((Long) byAddress.get(1) == 1) {
                LOG.log(Level.WARNING, "Admin sign-ins from {0} are throttled: {1} failed from this address, {2} for the"
                        + " user name tried (logged once per {3} s per address)",
                        new Object[] {printable(address), byAddress.get(2), byUser.get(2), config.adminLoginWindow().toSeconds()});
            }
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "A failed admin sign-in could not be counted: {0}", e.toString());
        }
    }

    /** Forgets the failures of both after a successful sign-in. */
    public void succeeded(String address, String user) {
        try {
            redis.del(Keys.adminFailuresByAddress(address));
            redis.del(Keys.adminFailuresByUser(digest(user)));
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
