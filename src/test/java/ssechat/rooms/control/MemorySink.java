package ssechat.rooms.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import ssechat.http.SseFrame;

/**
 * A client's connection in memory: keeps what was written to it. A gated sink blocks each write
 * until the gate opens, as a container's write to a client that stopped reading does.
 */
final class MemorySink implements SseEventSink {

    private final CountDownLatch gate;
    private final List<SseFrame> frames = new ArrayList<>();
    private volatile boolean closed;

    private MemorySink(CountDownLatch gate) {
        this.gate = gate;
    }

    static MemorySink reading() {
        return new MemorySink(new CountDownLatch(0));
    }

    static MemorySink blockedUntil(CountDownLatch gate) {
        return new MemorySink(gate);
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        synchronized (this) {
            frames.add((SseFrame) event);
            notifyAll();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The names of the events written so far, in order (comments left out). */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        for (SseFrame frame : frames) {
            if (frame.getName() != null) {
                names.add(frame.getName());
            }
        }
        return names;
    }

    synchronized String lastData() {
        return frames.isEmpty() ? null : (String) frames.get(frames.size() - 1).getData();
    }

    /** The ids of the message events written so far, in order. */
    synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (SseFrame frame : frames) {
            if (frame.getId() != null) {
                ids.add(frame.getId());
            }
        }
        return ids;
    }

    /** Waits until {@code count} message events have been written; false on timeout. */
    synchronized boolean awaitIds(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ids().size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
