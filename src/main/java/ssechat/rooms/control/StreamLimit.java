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
import ssechat.sessions.entity.UserName;

/**
 * Caps the streams open at once per signed-in user and per client address, across the cluster:
 * each stream is counted in Redis, per node, when it opens and out when it ends. The counts of a
 * node that stops answering stop counting once it is no longer alive, and the presence reaper (or
 * the node itself when it starts again under the same id) removes them.
 * <p>
 * Each cap lives in its user's or address's slot and the node's record of what it counted in its
 * own, so a stream is counted in steps. The record goes up first and down last, so it always holds
 * at least what the caps hold of this node and the reaper, which reads it, misses nothing; a
 * stream refused by its second cap is counted out of the first again.
 */
@ApplicationScoped
public class StreamLimit {

    private static final LuaScript LIVE_NODES = LuaScript.load(StreamLimit.class, "live-nodes.lua");
    private static final LuaScript CAP_IN = LuaScript.load(StreamLimit.class, "cap-in.lua");
    private static final LuaScript COUNT_BY = LuaScript.load(StreamLimit.class, "count-by.lua");
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
        List<Integer> limits = new ArrayList<>();
        if (user != null) {
            caps.add(Keys.userStreams(UserName.claimForm(user)));
            limits.add(config.maxStreamsPerUser());
        }
        caps.add(Keys.addressStreams(address));
        limits.add(config.maxStreamsPerAddress());
        List<String> live = liveNodes();
        record(1, caps);
        for (int i = 0; i < caps.size(); i++) {
            if (!countIn(caps.get(i), limits.get(i), live)) {
                caps.subList(0, i).forEach(this::countOut);
                record(-1, caps);
                boolean byUser = user != null && i == 0;
                throw ApiException.tooManyStreams(byUser
                        ? "Too many open streams for this user (at most " + config.maxStreamsPerUser() + "): close one first"
                        : "Too many open streams from this address (at most " + config.maxStreamsPerAddress() + "): close one first",
                        config.heartbeat());
            }
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

    /** Caps first, record last; a retry after a failure may count a cap out twice, which stops at zero. */
    void close(Slot slot) {
        slot.caps().forEach(this::countOut);
        record(-1, slot.caps());
    }

    private List<String> liveNodes() {
        return ((List<?>) LIVE_NODES.run(redis, List.of(Keys.NODES), List.of())).stream().map(String.class::cast).toList();
    }

    private boolean countIn(String cap, int limit, List<String> liveNodes) {
        List<String> args = new ArrayList<>(List.of(config.nodeId(), String.valueOf(limit)));
        args.addAll(liveNodes);
        return Long.valueOf(1).equals(CAP_IN.run(redis, List.of(cap), args));
    }

    private void countOut(String cap) {
        COUNT_BY.run(redis, List.of(cap), List.of("-1", config.nodeId()));
    }

    /** Adds {@code delta} to this node's record of the streams it counted against each cap. */
    private void record(int delta, List<String> caps) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(delta)));
        args.addAll(caps);
        COUNT_BY.run(redis, List.of(Keys.nodeStreamCounts(config.nodeId())), args);
    }
}
