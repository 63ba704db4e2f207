package ssechat.redis.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.config.ChatConfig;
import ssechat.redis.entity.ChannelMessage;
import ssechat.redis.entity.Resubscribed;

/**
 * Bridges Redis pub/sub into CDI events: every message on the room channels and the control channel,
 * published by any node, arrives here once and is fired as a {@link ChannelMessage}, in publication
 * order, on one container thread (the rooms feature reads it).
 * When the subscription drops it reconnects with backoff and fires {@link Resubscribed} so that
 * the gap is filled from history. A ping probe catches half-open connections.
 * Concurrency: bean-managed; the subscriber thread owns the connection, others only ping or close it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RedisBridge {

    private static final Logger LOG = Logger.getLogger(RedisBridge.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    RedisEndpoint endpoint;
    @Inject
    ChatConfig config;
    @Inject
    Event<ChannelMessage> messages;
    @Inject
    Event<Resubscribed> resubscribed;

    private volatile boolean running = true;
    private volatile boolean subscribed;
    private volatile int failures;
    private volatile Listener listener;
    private volatile Jedis connection;
    private Thread subscriber;
    private ScheduledFuture<?> probe;

    @PostConstruct
    void start() {
        subscriber = threads.newThread(this::subscribeUntilStopped);
        subscriber.setName("sse-chat-redis-subscriber");
        subscriber.start();
        long period = config.redisProbe().toMillis();
        probe = scheduler.scheduleAtFixedRate(this::probe, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        running = false;
        probe.cancel(false);
        Jedis current = connection;
        if (current != null) {
            current.disconnect();
        }
        try {
            subscriber.join(MAX_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    private void subscribeUntilStopped() {
        while (running) {
            try (Jedis jedis = endpoint.connect()) {
                connection = jedis;
                listener = new Listener();
                jedis.psubscribe(listener, Keys.ROOM_CHANNEL_PATTERN, Keys.CONTROL_CHANNEL);
            } catch (JedisException e) {
                if (running && failures == 0) {
                    LOG.log(Level.WARNING, "Lost the Redis subscription, reconnecting: {0}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The Redis subscriber failed, reconnecting", e);
            } finally {
                subscribed = false;
                connection = null;
            }
            if (running) {
                pause(backoff(++failures));
            }
        }
    }

    /** Exponential backoff from 100 ms to 5 s, with jitter so that nodes do not reconnect in step. */
    private static Duration backoff(int failures) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures, 6));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Pings the subscribed connection; closes it when the last ping went unanswered. */
    private void probe() {
        Listener current = listener;
        Jedis jedis = connection;
        if (current == null || jedis == null || !current.isSubscribed()) {
            return;
        }
        if (current.awaitingPong) {
            LOG.warning("Redis did not answer a ping on the subscription: reconnecting");
            jedis.disconnect();
            return;
        }
        current.awaitingPong = true;
        try {
            current.ping();
        } catch (RuntimeException e) {
            jedis.disconnect();
        }
    }

    private final class Listener extends JedisPubSub {

        volatile boolean awaitingPong;

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            if (subscribedChannels < 2) {
                return;
            }
            int attempts = failures;
            if (attempts > 0) {
                LOG.info("Subscribed to Redis again; filling the gap from history");
            }
            resubscribed.fire(new Resubscribed(attempts));
            failures = 0;
            subscribed = true;
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            try {
                messages.fire(new ChannelMessage(channel, message));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Skipped a message on {0} that could not be handled: {1}",
                        new Object[] {channel, e.toString()});
            }
        }

        @Override
        public void onPong(String pattern) {
            awaitingPong = false;
        }
    }
}
