package ssechat.rooms.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that write to clients. Streams with events to send wait in one first-in first-out
 * queue and a few threads, one per core, take them in turn: a message to thousands of streams wakes
 * a thread or two, not one per stream, and a stream that gets more messages while it waits sends
 * them in one write, so the busier the node, the fewer writes per message.
 * <p>
 * A write to a client that stops reading can hold its thread up to the socket write timeout. A
 * watchdog counts the writes running longer than {@link #STUCK_MILLIS} and adds a thread for each,
 * up to {@link #MAX_THREADS}, so such clients never hold up the others for long.
 */
public final class StreamWriters implements Executor {

    static final long STUCK_MILLIS = 20;
    private static final long WATCH_MILLIS = 10;
    private static final int MAX_THREADS = 512;

    private final int base = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Map<Long, Long> startedNanos = new ConcurrentHashMap<>();
    private final AtomicLong taskIds = new AtomicLong();

    public StreamWriters(ThreadFactory threads) {
        pool = new ThreadPoolExecutor(base, base, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        watchdog = Executors.newSingleThreadScheduledExecutor(threads);
        watchdog.scheduleWithFixedDelay(this::compensate, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable write) {
        pool.execute(() -> {
            Long id = taskIds.incrementAndGet();
            startedNanos.put(id, System.nanoTime());
            try {
                write.run();
            } finally {
                startedNanos.remove(id);
            }
        });
    }

    public void shutdown() {
        watchdog.shutdownNow();
        pool.shutdown();
    }

    private void compensate() {
        long stuckBefore = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        long stuck = startedNanos.values().stream().filter(started -> started - stuckBefore < 0).count();
        int wanted = (int) Math.min(MAX_THREADS, base + stuck);
        if (wanted > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(wanted);
            pool.setCorePoolSize(wanted);
        } else if (wanted < pool.getCorePoolSize()) {
            pool.setCorePoolSize(wanted);
            pool.setMaximumPoolSize(wanted);
        }
    }
}
