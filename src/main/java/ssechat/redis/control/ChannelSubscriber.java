package ssechat.redis.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The subscriber of one Redis (standalone, or the primary the Sentinels name): one connection read by
 * one container thread, {@code SUBSCRIBE}d to the channels asked for; it reconnects with backoff and
 * jitter and subscribes them all again, and a ping probe catches half-open connections.
 * <p>
 * Jedis's {@code JedisPubSub} lets other threads send {@code SUBSCRIBE}, {@code UNSUBSCRIBE} and
 * {@code PING} while its thread reads, but does not serialize those writes: here every write goes
 * under {@link #lock}, and only once the connection's first subscription is confirmed (before that
 * the reading thread is still writing its own {@code SUBSCRIBE}). Channels asked for meanwhile are
 * subscribed then. Redis answers a connection's commands in order, so a channel is reported active
 * when the answer to the last {@code SUBSCRIBE} written for it arrives.
 */
public final class ChannelSubscriber implements Subscriber {

    private static final Logger LOG = Logger.getLogger(ChannelSubscriber.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RedisEndpoint endpoint;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Duration probePeriod;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the channels to hold, and per channel the subscribes written on this connection and not answered yet. */
    private final Set<String> channels = new LinkedHashSet<>();
    private final Map<String, Integer> unanswered = new HashMap<>();
    private volatile boolean running = true;
    private volatile int failures;
    private volatile Link link;
    private Thread thread;
    private ScheduledFuture<?> probe;

    public ChannelSubscriber(RedisEndpoint endpoint, ThreadFactory threads, ScheduledExecutorService scheduler, Duration probePeriod,
                      Listener listener) {
        this.endpoint = endpoint;
        this.threads = threads;
        this.scheduler = scheduler;
        this.probePeriod = probePeriod;
        this.listener = listener;
    }

    @Override
    public void start() {
        thread = threads.newThread(this::subscribeUntilStopped);
        thread.setName("sse-chat-redis-subscriber");
        thread.start();
        long period = probePeriod.toMillis();
        probe = scheduler.scheduleAtFixedRate(this::probe, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        probe.cancel(false);
        Link current = link;
        if (current != null) {
            current.jedis.disconnect();
        }
        try {
            thread.join(MAX_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void subscribe(String channel) {
        lock.lock();
        try {
            if (channels.add(channel) && link != null && link.ready) {
                send(link, true, channel);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unsubscribe(String channel) {
        lock.lock();
        try {
            if (channels.remove(channel) && link != null && link.ready) {
                send(link, false, channel);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isSubscribed() {
        Link current = link;
        return current != null && current.ready;
    }

    private void subscribeUntilStopped() {
        while (running) {
            try (Jedis jedis = endpoint.connect()) {
                Link current = connected(jedis);
                jedis.subscribe(current, current.initial.toArray(String[]::new));
            } catch (JedisException e) {
                if (running && failures == 0) {
                    LOG.log(Level.WARNING, "Lost the Redis subscription, reconnecting: {0}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The Redis subscriber failed, reconnecting", e);
            } finally {
                disconnected();
            }
            if (running) {
                pause(backoff(++failures));
            }
        }
    }

    private Link connected(Jedis jedis) {
        lock.lock();
        try {
            link = new Link(jedis, Set.copyOf(channels));
            unanswered.clear();
            link.initial.forEach(channel -> unanswered.put(channel, 1));
            return link;
        } finally {
            lock.unlock();
        }
    }

    private void disconnected() {
        lock.lock();
        try {
            link = null;
        } finally {
            lock.unlock();
        }
        listener.lost();
    }

    /** Under {@link #lock}, on a ready connection; a failed write closes the connection, which then subscribes everything again. */
    private void send(Link current, boolean subscribe, String channel) {
        try {
            if (subscribe) {
                current.subscribe(channel);
                unanswered.merge(channel, 1, Integer::sum);
            } else {
                current.unsubscribe(channel);
            }
        } catch (JedisException e) {
            LOG.log(Level.FINE, "A pub/sub command failed; reconnecting", e);
            current.jedis.disconnect();
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
        Link current = link;
        if (current == null || !current.ready) {
            return;
        }
        if (current.awaitingPong) {
            LOG.warning("Redis did not answer a ping on the subscription: reconnecting");
            current.jedis.disconnect();
            return;
        }
        current.awaitingPong = true;
        if (lock.tryLock()) { // a write that blocks holds the lock: the next round then finds no pong and disconnects
            try {
                current.ping();
            } catch (RuntimeException e) {
                current.jedis.disconnect();
            } finally {
                lock.unlock();
            }
        }
    }

    /** One connection: what it subscribed to when it connected, and whether that is confirmed. */
    private final class Link extends JedisPubSub {

        final Jedis jedis;
        final Set<String> initial;
        volatile boolean ready;
        volatile boolean awaitingPong;

        Link(Jedis jedis, Set<String> initial) {
            this.jedis = jedis;
            this.initial = initial;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            boolean first;
            boolean active;
            lock.lock();
            try {
                first = !ready;
                if (first) {
                    ready = true;
                    catchUp();
                }
                active = answered(channel);
            } finally {
                lock.unlock();
            }
            if (first) {
                int attempts = failures;
                if (attempts > 0) {
                    LOG.info("Subscribed to Redis again; filling the gap from history");
                }
                failures = 0;
                listener.connected(attempts);
            }
            if (active) {
                listener.active(channel);
            }
        }

        /** Sends what changed while the connection's first subscribe was under way. */
        private void catchUp() {
            channels.stream().filter(channel -> !initial.contains(channel)).forEach(channel -> send(this, true, channel));
            initial.stream().filter(channel -> !channels.contains(channel)).forEach(channel -> send(this, false, channel));
        }

        private boolean answered(String channel) {
            Integer left = unanswered.computeIfPresent(channel, (key, count) -> count > 1 ? count - 1 : null);
            return left == null && channels.contains(channel);
        }

        @Override
        public void onMessage(String channel, String message) {
            try {
                listener.message(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Skipped a message on {0} that could not be handled: {1}", new Object[] {channel, e.toString()});
            }
        }

        @Override
        public void onPong(String pattern) {
            awaitingPong = false;
        }
    }
}
