package ssechat.presence.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import ssechat.config.ChatConfig;
import ssechat.presence.entity.RoomUser;

/**
 * This node's part in presence: counts its streams per user and room (here and in Redis), keeps
 * the node marked alive, takes dead nodes out, and delays each leave by a grace period so that a
 * reload or a reconnect to another node does not flap leave/join.
 * Concurrency: bean-managed; state is in concurrent maps and counters.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());
    private static final Duration LEAVE_RETRY = Duration.ofSeconds(2);
    private static final int LEAVE_ATTEMPTS = 30;

    @EJB
    PresenceStore store;
    @Inject
    ChatConfig config;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<RoomUser, Integer> localStreams = new ConcurrentHashMap<>();
    private final AtomicInteger pendingLeaves = new AtomicInteger();
    private ScheduledFuture<?> keeper;
    /** Whether this node has been listed as alive since it started (start() took out what an earlier run left). */
    private volatile boolean listed;

    @PostConstruct
    void start() {
        try {
            store.reap(config.nodeId(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redis is unreachable at start; presence of an earlier run of this node stays until it is", e);
        }
        long period = Math.max(200, config.heartbeat().toMillis() / 3);
        keeper = scheduler.scheduleAtFixedRate(this::keepAlive, 0, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        keeper.cancel(false);
        try {
            store.retire(config.nodeId(), config.leaveGrace());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not retire this node from presence; the others will reap it", e);
        }
    }

    public void join(RoomUser who) {
        store.join(config.nodeId(), who.room(), who.user());
        localStreams.merge(who, 1, Integer::sum);
    }

    /** Counts a stream out: now (logout, moderation) or after the grace period (a closed tab). */
    public void leave(RoomUser who, boolean now) {
        pendingLeaves.incrementAndGet();
        if (now) {
            scheduler.execute(() -> leave(who, 1));
        } else {
            scheduler.schedule(() -> leave(who, 1), config.leaveGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Streams counted here but whose leave has not reached Redis yet. */
    public int pendingLeaves() {
        return pendingLeaves.get();
    }

    private void leave(RoomUser who, int attempt) {
        try {
            if (attempt == 1) {
                localStreams.computeIfPresent(who, (key, count) -> count > 1 ? count - 1 : null);
            }
            store.leave(config.nodeId(), who.room(), who.user());
            pendingLeaves.decrementAndGet();
        } catch (RuntimeException e) {
            if (attempt >= LEAVE_ATTEMPTS) {
                pendingLeaves.decrementAndGet();
                LOG.log(Level.WARNING, "Gave up counting a stream out of presence: {0}", e.toString());
                return;
            }
            scheduler.schedule(() -> leave(who, attempt + 1), LEAVE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void keepAlive() {
        try {
            if (store.refresh(config.nodeId(), config.heartbeat())) {
                if (listed) {
                    // forgotten while running: what it counted since a reap began would be counted twice
                    store.reap(config.nodeId(), true);
                }
                recount();
            }
            listed = true;
            store.reapDead();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Presence keep-alive failed, Redis is unreachable", e);
        }
    }

    /** After Redis forgot this node, count its open streams in again. */
    private void recount() {
        localStreams.forEach((who, count) -> {
            for (int i = 0; i < count; i++) {
                store.join(config.nodeId(), who.room(), who.user());
            }
        });
    }
}
