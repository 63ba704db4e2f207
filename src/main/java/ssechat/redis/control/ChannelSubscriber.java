package ssechat.redis.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The subscriber of one Redis (standalone, the primary the Sentinels name, or one shard of a Cluster):
 * one connection read by one container thread, {@code SUBSCRIBE}d (on a shard {@code SSUBSCRIBE}d) to
 * the channels asked for; it reconnects with backoff and jitter and subscribes them all again, and a
 * ping probe catches half-open connections (classic pub/sub only: Jedis reads no pong on a sharded
 * subscription). With no channel to hold it holds no connection.
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

    private final Supplier<Jedis> connect;
    private final boolean sharded;
    private final String name;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Duration probePeriod;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    /** Guarded by {@link #lock}: the channels to hold, and per channel the subscribes written on this connection and not answered yet. */
    private final Set<String> channels = new LinkedHashSet<>();
    private final Map<String, Integer> unanswered = new HashMap<>();
    private volatile boolean running = true;
    private volatile int failures;
    private volatile Link link;
    private Thread thread;
    private ScheduledFuture<?> probe;

    /** Classic pub/sub on the endpoint's one Redis (or the first cluster seed that answers). */
    public ChannelSubscriber(RedisEndpoint endpoint, ThreadFactory threads, ScheduledExecutorService scheduler, Duration probePeriod,
                      Listener listener) {
        this(endpoint::connect, false, "sse-chat-redis-subscriber", threads, scheduler, probePeriod, listener);
    }

    /** Sharded pub/sub on one shard's primary. */
    public static ChannelSubscriber sharded(HostAndPort primary, JedisClientConfig config, ThreadFactory threads,
                                            ScheduledExecutorService scheduler, Duration probePeriod, Listener listener) {
        return new ChannelSubscriber(() -> new Jedis(primary, config), true, "sse-chat-redis-subscriber-" + primary, threads, scheduler,
                probePeriod, listener);
    }

    private ChannelSubscriber(Supplier<Jedis> connect, boolean sharded, String name, ThreadFactory threads,
                              ScheduledExecutorService scheduler, Duration probePeriod, Listener listener) {
        this.connect = connect;
        this.sharded = sharded;
        this.name = name;
        this.threads = threads;
        this.scheduler = scheduler;
        this.probePeriod = probePeriod;
        this.listener = listener;
    }

    @Override
    public void start() {
        thread = threads.newThread(this::subscribeUntilStopped);
        thread.setName(name);
        thread.start();
        long period = probePeriod.toMillis();
        probe = scheduler.scheduleAtFixedRate(this::probe, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        probe.cancel(false);
        lock.lock();
        try {
            wanted.signalAll();
        } finally {
            lock.unlock();
        }
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
            wanted.signalAll();
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
            if (!awaitChannels()) {
                return;
            }
            boolean ended = false;
            try (Jedis jedis = connect.get()) {
                Link current = connected(jedis);
                current.commands.run(jedis, current.initial.toArray(String[]::new));
                ended = true; // Jedis returns once no channel is left: we gave them all up, or Redis ended them
            } catch (JedisException e) {
                if (running && failures == 0) {
                    LOG.log(Level.WARNING, "Lost the Redis subscription, reconnecting: {0}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The Redis subscriber failed, reconnecting", e);
            } finally {
                disconnected();
            }
            if (running && !(ended && isIdle())) {
                pause(backoff(++failures));
            }
        }
    }

    /** Waits until there is a channel to subscribe; false once stopped. */
    private boolean awaitChannels() {
        lock.lock();
        try {
            while (running && channels.isEmpty()) {
                wanted.await();
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isIdle() {
        lock.lock();
        try {
            return channels.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private Link connected(Jedis jedis) {
        lock.lock();
        try {
            Set<String> held = Set.copyOf(channels);
            // SSUBSCRIBE takes channels of one slot only: a shard's first command carries one, the rest follow one by one
            link = new Link(jedis, sharded ? Set.of(held.iterator().next()) : held, held, failures);
            unanswered.clear();
            link.initial.forEach(channel -> unanswered.put(channel, 1));
            return link;
        } finally {
            lock.unlock();
        }
    }

    private void disconnected() {
        Set<String> held;
        lock.lock();
        try {
            link = null;
            held = Set.copyOf(channels);
        } finally {
            lock.unlock();
        }
        listener.lost(held);
    }

    /** Under {@link #lock}, on a ready connection; a failed write closes the connection, which then subscribes everything again. */
    private void send(Link current, boolean subscribe, String channel) {
        try {
            if (subscribe) {
                current.commands.subscribe(channel);
                unanswered.merge(channel, 1, Integer::sum);
            } else {
                current.commands.unsubscribe(channel);
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
        if (current == null || !current.ready || sharded) {
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
                current.commands.ping();
            } catch (RuntimeException e) {
                current.jedis.disconnect();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * One connection: what its first subscribe carried, whether that is confirmed, and the channels held
     * when it connected that are not confirmed yet. Those are reported {@link Listener#connected} once
     * subscribed: all at once on a classic connection (one {@code SUBSCRIBE} carries them), each on its
     * own on a shard's (one {@code SSUBSCRIBE} each), so that no room's gap is filled before its
     * messages flow again.
     */
    private final class Link {

        final Jedis jedis;
        final Set<String> initial;
        final Commands commands;
        final int attempts;
        /** Guarded by {@link #lock}. */
        private final Set<String> unconfirmed;
        volatile boolean ready;
        volatile boolean awaitingPong;

        Link(Jedis jedis, Set<String> initial, Set<String> held, int attempts) {
            this.jedis = jedis;
            this.initial = initial;
            this.unconfirmed = new HashSet<>(held);
            this.attempts = attempts;
            this.commands = sharded ? new ShardedCommands(this) : new ClassicCommands(this);
        }

        void subscribed(String channel) {
            boolean first;
            boolean active;
            Set<String> regained = Set.of();
            lock.lock();
            try {
                first = !ready;
                if (first) {
                    ready = true;
                    catchUp();
                }
                active = answered(channel);
                if (!sharded && first) {
                    regained = Set.copyOf(unconfirmed);
                    unconfirmed.clear();
                } else if (active && unconfirmed.remove(channel)) {
                    regained = Set.of(channel);
                }
            } finally {
                lock.unlock();
            }
            if (first) {
                if (attempts > 0) {
                    LOG.log(Level.INFO, "Subscribed to Redis again ({0}); filling the gap from history", name);
                }
                failures = 0;
            }
            if (!regained.isEmpty()) {
                listener.connected(regained, attempts);
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

        /** An unsubscribe of a channel still held was not asked for here: Redis ended it (its slot moved to another shard). */
        void unsubscribed(String channel) {
            boolean held;
            lock.lock();
            try {
                held = channels.contains(channel) && !unanswered.containsKey(channel);
            } finally {
                lock.unlock();
            }
            if (held) {
                listener.dropped(channel);
            }
        }

        void message(String channel, String message) {
            try {
                listener.message(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Skipped a message on {0} that could not be handled: {1}", new Object[] {channel, e.toString()});
            }
        }
    }

    /** The pub/sub commands of one connection: classic or sharded. */
    private interface Commands {
        void subscribe(String channel);

        void unsubscribe(String channel);

        void ping();

        /** Subscribes the initial channels and reads until none is left (or the connection fails). */
        void run(Jedis jedis, String[] initial);
    }

    private static final class ClassicCommands extends JedisPubSub implements Commands {

        private final Link link;

        ClassicCommands(Link link) {
            this.link = link;
        }

        @Override
        public void subscribe(String channel) {
            super.subscribe(new String[] {channel});
        }

        @Override
        public void unsubscribe(String channel) {
            super.unsubscribe(new String[] {channel});
        }

        @Override
        public void run(Jedis jedis, String[] initial) {
            jedis.subscribe(this, initial);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            link.subscribed(channel);
        }

        @Override
        public void onMessage(String channel, String message) {
            link.message(channel, message);
        }

        @Override
        public void onPong(String pattern) {
            link.awaitingPong = false;
        }
    }

    private static final class ShardedCommands extends JedisShardedPubSub implements Commands {

        private final Link link;

        ShardedCommands(Link link) {
            this.link = link;
        }

        @Override
        public void subscribe(String channel) {
            ssubscribe(channel);
        }

        @Override
        public void unsubscribe(String channel) {
            sunsubscribe(channel);
        }

        @Override
        public void ping() {
            throw new UnsupportedOperationException("no ping on a sharded subscription");
        }

        @Override
        public void run(Jedis jedis, String[] initial) {
            proceed(jedis.getConnection(), initial);
        }

        @Override
        public void onSSubscribe(String channel, int subscribedChannels) {
            link.subscribed(channel);
        }

        @Override
        public void onSUnsubscribe(String channel, int subscribedChannels) {
            link.unsubscribed(channel);
        }

        @Override
        public void onSMessage(String channel, String message) {
            link.message(channel, message);
        }
    }
}
