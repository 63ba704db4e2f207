package ssechat.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * N event streams to one room (or stream i to room {@code roomOf(i)}) on a few selector threads. Stream i binds local address
 * 127.0.0.(1 + i % addresses), so that more streams than one address has ephemeral ports can open.
 */
final class StreamPool implements AutoCloseable {

    record Opening(int requested, int opened, int failed, double millis, Map<String, Long> failures) {
    }

    final Target target;
    final Deliveries deliveries;
    private final IntFunction<String> roomOf;
    private final List<IoLoop> loops = new ArrayList<>();
    private final List<InetSocketAddress> locals = new ArrayList<>();
    private final List<SseConnection> connections = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failedToOpen = new AtomicInteger();
    private final AtomicInteger droppedAfterOpen = new AtomicInteger();
    private final AtomicLong lastOpenNanos = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private Semaphore pending;
    private java.util.function.IntUnaryOperator receiveBuffers = index -> 0;
    private InetSocketAddress remote;
    /** Set by {@link #reconnecting}: streams that drop connect again with Last-Event-ID. */
    private java.util.concurrent.ScheduledExecutorService retries;
    private int maxAttempts;
    private long retryMillis;

    StreamPool(Target target, String room, Deliveries deliveries, int threads, int addresses) {
        this(target, index -> room, deliveries, threads, addresses);
    }

    StreamPool(Target target, IntFunction<String> roomOf, Deliveries deliveries, int threads, int addresses) {
        this.target = target;
        this.roomOf = roomOf;
        this.deliveries = deliveries;
        for (int t = 0; t < threads; t++) {
            loops.add(new IoLoop("bench-io-" + t, new LoopStats()));
        }
        try {
            for (int a = 0; a < addresses; a++) {
                locals.add(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + a)}), 0));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SO_RCVBUF per stream index (0: the kernel's default), set before connecting. */
    void receiveBuffers(java.util.function.IntUnaryOperator bytesByIndex) {
        receiveBuffers = bytesByIndex;
    }

    /**
     * From now on a stream that drops connects again at once with {@code Last-Event-ID}, and a
     * reconnection that fails is tried again after {@code retryMillis}, at most {@code maxAttempts} times.
     */
    void reconnecting(int maxAttempts, long retryMillis) {
        this.maxAttempts = maxAttempts;
        this.retryMillis = retryMillis;
        retries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    }

    boolean keepsLastEventId() {
        return keepLastEventId;
    }

    /** Keep each stream's newest event id (before opening, for {@link #reconnecting}). */
    void keepLastEventId() {
        keepLastEventId = true;
    }

    private volatile boolean keepLastEventId;

    List<IoLoop> loops() {
        return loops;
    }

    IoLoop loopOf(SseConnection connection) {
        return loops.get(connection.index % loops.size());
    }

    /** Opens {@code count} more streams, at most {@code maxPending} handshakes at a time, and waits for all of them. */
    Opening open(int count, int maxPending, long timeoutMillis) throws InterruptedException {
        pending = new Semaphore(maxPending);
        remote = new InetSocketAddress(target.host(), target.port());
        int openedBefore = opened.get();
        int before = openedBefore + failedToOpen.get();
        Map<String, byte[]> requests = new HashMap<>();
        long start = Clock.now();
        long deadline = start + timeoutMillis * 1_000_000L;
        for (int i = 0; i < count; i++) {
            if (!pending.tryAcquire(Math.max(1, deadline - Clock.now()), TimeUnit.NANOSECONDS)) {
                break;
            }
            SseConnection connection = new SseConnection(connections.size(), this);
            connections.add(connection);
            InetSocketAddress local = locals.get(connection.index % locals.size());
            IoLoop loop = loopOf(connection);
            int receiveBuffer = receiveBuffers.applyAsInt(connection.index);
            byte[] get = requests.computeIfAbsent(roomOf(connection), target::streamRequest);
            loop.execute(() -> connection.connect(loop, local, remote, get, receiveBuffer));
        }
        while (opened.get() + failedToOpen.get() - before < count && Clock.now() < deadline) {
            Thread.sleep(2);
        }
        int done = opened.get() + failedToOpen.get() - before;
        Map<String, Long> why = new TreeMap<>();
        failures.forEach((reason, n) -> why.put(reason, n.sum()));
        if (done < count) {
            why.put("not open before the timeout", (long) (count - done));
        }
        double millis = (Math.max(lastOpenNanos.get(), start) - start) / 1e6;
        int newlyOpened = opened.get() - openedBefore;
        return new Opening(count, newlyOpened, count - newlyOpened, millis, why);
    }

    void opened(SseConnection connection, long at) {
        if (connection.droppedAt != 0) {
            connection.reopenedAt = at;
            return;
        }
        opened.incrementAndGet();
        lastOpenNanos.accumulateAndGet(at, Math::max);
        pending.release();
    }

    void ended(SseConnection connection, boolean wasOpen, String why) {
        if (retries != null && (wasOpen || connection.droppedAt != 0)) {
            reconnect(connection, wasOpen, why);
            return;
        }
        if (wasOpen) {
            droppedAfterOpen.incrementAndGet();
        } else {
            failedToOpen.incrementAndGet();
            pending.release();
        }
        failures.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    /** On the stream's I/O thread: at once after a drop, later after a failed attempt, never past the last one. */
    private void reconnect(SseConnection connection, boolean dropped, String why) {
        failures.computeIfAbsent((dropped ? "dropped: " : "reconnect failed: ") + why, k -> new LongAdder()).increment();
        if (dropped) {
            connection.droppedAt = Clock.now();
            connection.reopenedAt = 0;
            connection.attempts = 0;
        }
        if (connection.attempts >= maxAttempts) {
            return;
        }
        IoLoop loop = loopOf(connection);
        InetSocketAddress local = locals.get(connection.index % locals.size());
        Runnable again = () -> connection.reconnect(loop, local, remote, target.streamRequest(roomOf(connection), connection.lastEventId));
        if (dropped) {
            loop.execute(again);
        } else {
            retries.schedule(() -> loop.execute(again), retryMillis, TimeUnit.MILLISECONDS);
        }
    }

    String roomOf(SseConnection connection) {
        return roomOf.apply(connection.index);
    }

    int openCount() {
        return opened.get() - droppedAfterOpen.get();
    }

    int dropped() {
        return droppedAfterOpen.get();
    }

    Map<String, Long> endings() {
        Map<String, Long> why = new TreeMap<>();
        failures.forEach((reason, n) -> why.put(reason, n.sum()));
        return why;
    }

    List<SseConnection> connections() {
        return connections;
    }

    /** Stops (or restarts) reading the given streams: their data piles up in the kernel, then on the server. */
    void pause(List<SseConnection> which, boolean paused) throws InterruptedException {
        onEachLoop(loop -> which.stream().filter(c -> loopOf(c) == loop).forEach(c -> c.pause(paused)));
    }

    /** Open streams per node, as their {@code welcome} events named it (sse-chat only). */
    Map<String, Integer> byNode() throws InterruptedException {
        Map<String, Integer> nodes = new TreeMap<>();
        onEachLoop(loop -> { });
        for (SseConnection c : connections) {
            if (c.open && !c.ended && c.node != null) {
                nodes.merge(c.node, 1, Integer::sum);
            }
        }
        return nodes;
    }

    /** Runs {@code task} on every I/O thread and waits: afterwards their writes are visible here. */
    void onEachLoop(Consumer<IoLoop> task) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(loops.size());
        for (IoLoop loop : loops) {
            loop.execute(() -> {
                try {
                    task.accept(loop);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (retries != null) {
                retries.shutdownNow();
            }
            onEachLoop(loop -> connections.stream().filter(c -> loopOf(c) == loop).forEach(SseConnection::close));
            for (IoLoop loop : loops) {
                loop.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
