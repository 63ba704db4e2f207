package ssechat.redis.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Moves the keys of the layout before hash tags ({@code chat:history:<room>}, {@code chat:name:<claim>},
 * ...) to the current one ({@link Keys}), once per Redis, at startup: one node does it, under a lock
 * that expires, and marks Redis as done ({@link Keys#LAYOUT}); the others wait for the mark. Each key
 * is renamed (RENAMENX keeps its time to live and never overwrites a key of the new layout), so a
 * move cut short is finished by the next start. Kept: history, edits, name claims (live sessions),
 * bans, post idempotency keys; revocations go to {@link Keys#LEGACY_REVOKED}, as the old key does not
 * name the user. Dropped: presence and stream counts, which the nodes count again as they start.
 * On a Redis Cluster nothing is looked for: keys cannot be renamed across slots, so an older
 * deployment moves on its one Redis first (README: "Moving to a Redis Cluster").
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyLayoutUpgrade {

    static final String VERSION = "2";
    private static final Logger LOG = Logger.getLogger(KeyLayoutUpgrade.class.getName());
    private static final Duration LOCK = Duration.ofMinutes(2);
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final Pattern ROOM_IN_MESSAGE = Pattern.compile("\"room\":\"([a-z0-9][a-z0-9_-]{0,31})\"");

    @Inject
    UnifiedJedis redis;
    @Inject
    RedisEndpoint endpoint;

    @PostConstruct
    void upgrade() {
        if (endpoint.usesCluster()) {
            return;
        }
        try {
            if (VERSION.equals(redis.get(Keys.LAYOUT))) {
                return;
            }
            if (redis.set(Keys.MIGRATION_LOCK, "1", SetParams.setParams().nx().px(LOCK.toMillis())) == null) {
                awaitTheOtherNode();
                return;
            }
            try {
                Map<String, Long> moved = moveAll();
                redis.set(Keys.LAYOUT, VERSION);
                LOG.log(Level.INFO, "Redis keys moved to key layout {0} (hash tags): {1}", new Object[] {VERSION, moved});
            } finally {
                redis.del(Keys.MIGRATION_LOCK);
            }
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Could not check the Redis key layout ({0}); keys of an older layout are moved at the next start",
                    e.toString());
        }
    }

    private void awaitTheOtherNode() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!VERSION.equals(redis.get(Keys.LAYOUT)) && redis.exists(Keys.MIGRATION_LOCK) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Moves every key of the older layout; answers how many of each kind. Safe to run again. */
    Map<String, Long> moveAll() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("history", renameEach("chat:history:", Keys::history));
        counts.put("edits", renameEach("chat:edits:", Keys::edits));
        counts.put("name claims", renameEach("chat:name:", Keys::nameClaim));
        counts.put("bans", renameEach("chat:ban:", Keys::ban));
        counts.put("revocations", each("chat:revoked:", this::keepRevocation));
        counts.put("idempotency keys", each("chat:idem:", this::moveIdempotencyKey));
        long dropped = 0;
        for (String pattern : List.of("chat:online:*", "chat:node:*", "chat:streams:*", "chat:idem-typing:*", "chat:typing:*")) {
            dropped += scan(pattern, key -> redis.del(key));
        }
        dropped += redis.del("chat:nodes");
        counts.put("presence and counters dropped", dropped);
        return counts;
    }

    private long renameEach(String prefix, Function<String, String> newKey) {
        return each(prefix, (key, name) -> rename(key, newKey.apply(name)));
    }

    /** RENAMENX, where a key that is gone already (SCAN may name a key twice) is nothing to do. */
    private void rename(String key, String newKey) {
        try {
            if (redis.renamenx(key, newKey) == 0) {
                LOG.log(Level.WARNING, "Kept {0} as it is: {1} exists already", new Object[] {key, newKey});
            }
        } catch (JedisDataException e) {
            LOG.log(Level.FINE, "{0} is gone already", key);
        }
    }

    /** A revoked session of the older layout: its id, scored by when its token expires, in the one set of such sessions. */
    private void keepRevocation(String key, String sessionId) {
        long ttl = redis.pttl(key);
        if (ttl > 0) {
            long expires = System.currentTimeMillis() + ttl;
            long setLives = redis.pttl(Keys.LEGACY_REVOKED); // the set lives until its last session expires
            redis.zadd(Keys.LEGACY_REVOKED, expires, sessionId);
            redis.pexpireAt(Keys.LEGACY_REVOKED, Math.max(expires, System.currentTimeMillis() + setLives));
        }
        redis.del(key);
    }

    /** {@code chat:idem:<user>:<key>} holding a post's message moves to the message's room; what a typing call left is dropped. */
    private void moveIdempotencyKey(String key, String userAndKey) {
        String value = redis.get(key);
        Matcher room = ROOM_IN_MESSAGE.matcher(value == null ? "" : value);
        int colon = userAndKey.indexOf(':');
        if (value != null && value.startsWith("{") && room.find() && colon > 0) {
            rename(key, Keys.idempotency(room.group(1), userAndKey.substring(0, colon), userAndKey.substring(colon + 1)));
        } else {
            redis.del(key);
        }
    }

    private long each(String prefix, BiConsumer<String, String> action) {
        return scan(prefix + "*", key -> action.accept(key, key.substring(prefix.length())));
    }

    private long scan(String pattern, Consumer<String> action) {
        long count = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(500);
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            for (String key : page.getResult()) {
                action.accept(key);
                count++;
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return count;
    }
}
