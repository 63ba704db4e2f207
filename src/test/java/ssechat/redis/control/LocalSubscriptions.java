package ssechat.redis.control;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import ssechat.it.TestRedis;

/** Room subscriptions on the test run's Redis, outside a container, recording what they hear; close to stop. */
public final class LocalSubscriptions implements AutoCloseable {

    public final List<String> messages = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final RoomSubscriptions subscriptions;

    private LocalSubscriptions(Duration linger) {
        RedisEndpoint endpoint = RedisEndpoint.parse(TestRedis.url(), List.of(), "unused", 2000);
        Subscriber.Listener recorder = new Subscriber.Listener() {
            @Override
            public void connected(Set<String> channels, int failedAttempts) {
                connections.incrementAndGet();
            }

            @Override
            public void message(String channel, String payload) {
                messages.add(channel + " " + payload);
            }
        };
        subscriptions = new RoomSubscriptions(
                listener -> new ChannelSubscriber(endpoint, Executors.defaultThreadFactory(), scheduler, Duration.ofSeconds(1), listener),
                recorder, scheduler, linger, Duration.ofSeconds(5));
        subscriptions.start();
    }

    public static LocalSubscriptions started(Duration linger) {
        return new LocalSubscriptions(linger);
    }

    public RoomSubscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public void close() {
        subscriptions.stop();
        scheduler.shutdownNow();
    }
}
