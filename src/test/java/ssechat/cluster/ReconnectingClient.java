package ssechat.cluster;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * What a browser's EventSource does, on a thread of its own: read the stream and, when it ends,
 * open it again with Last-Event-ID set to the last message id seen. Records the message ids, the
 * node behind each connection and how long each reconnect took (stream end to next welcome).
 */
final class ReconnectingClient implements AutoCloseable {

    /** EventSource waits `retry` ms after a failed attempt; the node's retry is longer than tests need. */
    private static final long RETRY_MILLIS = 100;

    private final URI uri;
    private final List<String> messageIds = new ArrayList<>();
    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final List<Long> reconnectMillis = new CopyOnWriteArrayList<>();
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final Thread thread = new Thread(this::run, "reconnecting-client");
    private volatile SseStream stream;
    private volatile boolean closed;

    ReconnectingClient(URI uri) {
        this.uri = uri;
        thread.setDaemon(true);
    }

    /** Opens the first stream and waits for its welcome. */
    ReconnectingClient start() throws InterruptedException {
        thread.start();
        if (!welcomed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no welcome within 10 s from " + uri);
        }
        return this;
    }

    /** The node of the current connection, from its welcome (e.g. "node1"). */
    String node() { return nodes.get(nodes.size() - 1); }
    List<Long> reconnectMillis() { return List.copyOf(reconnectMillis); }

    /** Waits until {@code count} messages have arrived (or the timeout), then returns their ids. */
    synchronized List<String> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messageIds.size() < count && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
        return List.copyOf(messageIds);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        thread.interrupt();
        if (stream != null) {
            stream.close();
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void run() {
        long endedAt = 0;
        try {
            while (!closed) {
                if (connect(endedAt)) {
                    endedAt = System.nanoTime();
                } else {
                    TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one connection to its end; false if it could not be opened or was refused. */
    private boolean connect(long endedAt) throws InterruptedException {
        try (SseStream current = SseStream.openAsBrowser(uri, lastId())) {
            stream = current;
            if (current.status() != 200) {
                return false;
            }
            for (SseEvent event = current.take(); !event.name().equals(SseStream.END); event = current.take()) {
                handle(event, endedAt);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void handle(SseEvent event, long endedAt) {
        if (event.name().equals("welcome")) {
            if (endedAt != 0) {
                reconnectMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedAt));
            }
            nodes.add(event.json().getString("node"));
            welcomed.countDown();
        } else if (event.name().equals("message")) {
            synchronized (this) {
                messageIds.add(event.id());
                notifyAll();
            }
        }
    }

    private synchronized String lastId() {
        return messageIds.isEmpty() ? null : messageIds.get(messageIds.size() - 1);
    }
}
