package ssechat.redis.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The room channels this node is subscribed to: a room's channel while the room has streams here
 * (counted per stream), and for a linger after its last one ends, so that a page reload does not
 * unsubscribe and subscribe again. {@link #want} returns once the subscription is active, so whatever
 * is published to the room from then on reaches this node. The control channel is always subscribed.
 * <p>
 * It routes each channel to the {@link Subscriber} that carries it: on a single Redis there is one;
 * on a Redis Cluster the {@link ShardedSubscriber}, which routes it to the shard that owns the channel's slot.
 * Concurrency: its state is guarded by this object's monitor, under which it also hands
 * (un)subscribe requests to the subscriber, so that they reach Redis in the order they were decided.
 */
public final class RoomSubscriptions {

    private final Subscriber subscriber;
    private final ScheduledExecutorService scheduler;
    private final Duration linger;
    private final Duration timeout;
    private final Map<String, Demand> demands = new HashMap<>();

    /** {@code subscribers} makes the subscriber that reports to the given listener; {@code downstream} hears connections and messages. */
    public RoomSubscriptions(Function<Subscriber.Listener, Subscriber> subscribers, Subscriber.Listener downstream,
                             ScheduledExecutorService scheduler, Duration linger, Duration timeout) {
        this.subscriber = subscribers.apply(new Tracker(downstream));
        this.scheduler = scheduler;
        this.linger = linger;
        this.timeout = timeout;
    }

    /** A room's streams on this node and whether its subscription is active; kept while lingering with no stream. */
    private static final class Demand {
        int streams;
        CompletableFuture<Void> active = new CompletableFuture<>();
        ScheduledFuture<?> linger;
    }

    public void start() {
        subscriber.subscribe(Keys.CONTROL_CHANNEL);
        subscriber.start();
    }

    public void stop() {
        subscriber.stop();
    }

    /**
     * One more stream of {@code room} on this node: subscribes its channel unless it is already, and
     * returns once the subscription is active. Each call needs one {@link #release}, unless it throws.
     * @throws JedisConnectionException when the subscription is not active within the Redis timeout
     */
    public void want(String room) {
        CompletableFuture<Void> active;
        synchronized (this) {
            Demand demand = demands.computeIfAbsent(Keys.roomChannel(room), channel -> {
                subscriber.subscribe(channel);
                return new Demand();
            });
            demand.streams++;
            if (demand.linger != null) {
                demand.linger.cancel(false);
                demand.linger = null;
            }
            active = demand.active;
        }
        try {
            active.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            release(room);
            throw new JedisConnectionException("Not subscribed to the room's channel within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(room);
            throw new JedisConnectionException("Interrupted while subscribing to a room's channel");
        }
    }

    /** One stream of {@code room} fewer; after the last, the channel is unsubscribed once the linger has passed with none. */
    public synchronized void release(String room) {
        String channel = Keys.roomChannel(room);
        Demand demand = demands.get(channel);
        if (demand != null && --demand.streams == 0) {
            try {
                demand.linger = scheduler.schedule(() -> expire(channel, demand), linger.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) { // the application is stopping: no linger then
                expire(channel, demand);
            }
        }
    }

    private synchronized void expire(String channel, Demand demand) {
        if (demands.get(channel) == demand && demand.streams == 0) {
            demands.remove(channel);
            subscriber.unsubscribe(channel);
        }
    }

    /** Room channels subscribed or lingering. */
    public synchronized int rooms() {
        return demands.size();
    }

    public boolean isSubscribed() {
        return subscriber.isSubscribed();
    }

    /** Marks channels active as the subscriber confirms them, and none once it loses its connection. */
    private final class Tracker implements Subscriber.Listener {

        private final Subscriber.Listener downstream;

        Tracker(Subscriber.Listener downstream) {
            this.downstream = downstream;
        }

        @Override
        public void connected(Set<String> channels, int failedAttempts) {
            downstream.connected(channels, failedAttempts);
        }

        @Override
        public void active(String channel) {
            synchronized (RoomSubscriptions.this) {
                Demand demand = demands.get(channel);
                if (demand != null) {
                    demand.active.complete(null);
                }
            }
            downstream.active(channel);
        }

        @Override
        public void message(String channel, String payload) {
            downstream.message(channel, payload);
        }

        @Override
        public void lost(Set<String> channels) {
            synchronized (RoomSubscriptions.this) {
                demands.forEach((channel, demand) -> {
                    if (channels.contains(channel) && demand.active.isDone()) {
                        demand.active = new CompletableFuture<>();
                    }
                });
            }
            downstream.lost(channels);
        }
    }
}
