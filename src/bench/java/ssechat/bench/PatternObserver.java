package ssechat.bench;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * What every node received before per-room subscriptions: one {@code PSUBSCRIBE} to all room
 * channels ({@code chat:{*}:channel}; braces are no glob syntax in Redis, so they match themselves)
 * on a standalone Redis, counting the messages it gets.
 */
final class PatternObserver implements AutoCloseable {

    static final String PATTERN = "chat:{*}:channel";

    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final JedisPubSub subscription = new JedisPubSub() {
        @Override
        public void onPSubscribe(String pattern, int count) {
            subscribed.countDown();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            received.incrementAndGet();
        }
    };
    private final Thread thread;

    /** Subscribes on {@code redis://host:port} and waits until Redis confirmed. */
    PatternObserver(String redisUrl) throws InterruptedException {
        URI uri = URI.create(redisUrl);
        thread = new Thread(() -> {
            try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
                jedis.psubscribe(subscription, PATTERN);
            }
        }, "bench-pattern-observer");
        thread.setDaemon(true);
        thread.start();
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("PSUBSCRIBE " + PATTERN + " on " + redisUrl + " not confirmed within 10 s");
        }
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() throws InterruptedException {
        subscription.punsubscribe();
        thread.join(5000);
    }
}
