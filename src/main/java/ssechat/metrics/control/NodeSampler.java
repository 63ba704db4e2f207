package ssechat.metrics.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.metrics.entity.NodeStats;

/**
 * Samples this node's figures once a second: keeps the latest for the MXBean, Prometheus and the
 * admin console, publishes them to Redis (where they expire unless renewed, so a dead node drops
 * out of every console), and fires them as a CDI event for the live feeds.
 * Concurrency: bean-managed; only the scheduled task writes {@link #latest}, a volatile field.
 */
@Singleton
@Startup
@DependsOn("RedisBridge")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeSampler {

    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** How long published figures outlive their node: a few missed periods, then it counts as gone. */
    private static final Duration LIFETIME = PERIOD.multipliedBy(5);
    private static final Logger LOG = Logger.getLogger(NodeSampler.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    NodeFigures figures;
    @EJB
    NodeStatsStore store;
    @Inject
    Event<NodeStats> sampled;

    private volatile NodeStats latest;
    private volatile boolean publishing = true;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        latest = figures.sample(null);
        task = scheduler.scheduleAtFixedRate(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes this node out of the cluster view at once rather than when its figures expire. */
    @PreDestroy
    void stop() {
        task.cancel(false);
        try {
            store.remove(latest.node());
        } catch (JedisException e) {
            LOG.log(Level.FINE, "Could not remove this node's figures from Redis; they expire by themselves", e);
        }
    }

    public NodeStats latest() {
        return latest;
    }

    /** Never throws: an exception would end the periodic task. */
    private void tick() {
        try {
            NodeStats now = figures.sample(latest);
            latest = now;
            publish(now);
            sampled.fire(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sampling this node's figures failed; trying again next period", e);
        }
    }

    private void publish(NodeStats stats) {
        try {
            store.publish(stats, LIFETIME);
            if (!publishing) {
                LOG.info("Publishing this node's figures to Redis again");
            }
            publishing = true;
        } catch (JedisException e) {
            if (publishing) {
                LOG.log(Level.WARNING, "Cannot publish this node's figures to Redis, other nodes' consoles miss it: {0}", e.toString());
            }
            publishing = false;
        }
    }
}
