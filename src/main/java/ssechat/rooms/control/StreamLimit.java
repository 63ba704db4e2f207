package ssechat.rooms.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import ssechat.config.ChatConfig;
import ssechat.http.ApiException;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;

/**
 * Caps the streams open at once per signed-in user and per client address, across the cluster:
 * each stream is counted in Redis, per node, when it opens and out when it ends. The counts of a
 * node that stops answering stop counting once its alive key expires, and the presence reaper (or
 * the node itself when it starts again under the same id) removes them.
 */
@ApplicationScoped
public class StreamLimit {

    private static final LuaScript OPEN = LuaScript.load(StreamLimit.class, "open-stream.lua");
    private static final LuaScript CLOSE = LuaScript.load(StreamLimit.class, "close-stream.lua");
    /** A node's alive key is {@code ALIVE_KEY[0] + node + ALIVE_KEY[1]}: the script builds it for each node it counts. */
    private static final String[] ALIVE_KEY = Keys.nodeAlive("\n").split("\n");
    private static final Duration RELEASE_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(StreamLimit.class.getName());

    @Inject
    UnifiedJedis redis;
    @Inject
    ChatConfig config;
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Streams that ended while Redis was unreachable, to count out once it answers: none is given up. */
    private final Queue<Slot> unreleased = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> retry;

    /** The caps a stream was counted against, to count it out of when it ends. */
    public record Slot(List<String> caps) {
    }

    @PostConstruct
    void start() {
        retry = scheduler.scheduleWithFixedDelay(this::releaseUnreleased, RELEASE_RETRY.toMillis(), RELEASE_RETRY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        retry.cancel(false);
    }

    /** Counts a stream in, or answers 429 {@code too_many_streams} when the user or the address has its fill. */
    public Slot admit(String user, String address) {
        List<String> caps = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(config.nodeId(), ALIVE_KEY[0], ALIVE_KEY[1]));
        if (user != null) {
            caps.add(Keys.userStreams(user));
            args.add(String.valueOf(config.maxStreamsPerUser()));
        }
        caps.add(Keys.addressStreams(address));
        args.add(String.valueOf(config.maxStreamsPerAddress()));
        long full = (Long) OPEN.run(redis, keys(caps), args);
        if (full > 0) {
            boolean byUser = user != null && full == 1;
            throw ApiException.tooManyStreams(byUser
                    ? "Too many open streams for this user (at most " + config.maxStreamsPerUser() + "): close one first"
                    : "Too many open streams from this address (at most " + config.maxStreamsPerAddress() + "): close one first",
                    config.heartbeat());
        }
        return new Slot(List.copyOf(caps));
    }

    /** Counts a stream out, soon and off the caller's thread; kept and tried again while Redis is unreachable. */
    public void release(Slot slot) {
        try {
            scheduler.execute(() -> {
                try {
                    close(slot);
                } catch (RuntimeException e) {
                    unreleased.add(slot);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "The node is stopping; the reaper takes its stream counts out", e);
        }
    }

    /** Never throws: an exception would end the periodic task. */
    private void releaseUnreleased() {
        for (Slot slot = unreleased.poll(); slot != null; slot = unreleased.poll()) {
            try {
                close(slot);
            } catch (RuntimeException e) {
                unreleased.add(slot);
                LOG.log(Level.FINE, "Redis is still unreachable; {0} streams wait to be counted out", unreleased.size());
                return;
            }
        }
    }

    private void close(Slot slot) {
        CLOSE.run(redis, keys(slot.caps()), List.of(config.nodeId()));
    }

    private List<String> keys(List<String> caps) {
        List<String> keys = new ArrayList<>(caps.size() + 1);
        keys.add(Keys.nodeStreamCounts(config.nodeId()));
        keys.addAll(caps);
        return keys;
    }
}
