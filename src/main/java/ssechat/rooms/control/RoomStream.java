package ssechat.rooms.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import ssechat.http.SseFrame;
import ssechat.metrics.control.ChatMetrics;
import ssechat.rooms.entity.MessageId;

/**
 * One client's stream in a room, registered with the room's broadcaster in place of the raw sink.
 * It joins the broadcaster before history is replayed; live events arriving meanwhile are queued
 * and sent after the replay. Message ids only go up on a stream, so the seam between replay and
 * live has no duplicate and no gap.
 * <p>
 * The broadcaster's thread only queues: a writer thread drains the queue, so a client that stops
 * reading blocks nobody else; what has queued up meanwhile goes out in one write. A stream is
 * dropped once {@link #MAX_QUEUED} events wait, and the client resumes with {@code Last-Event-ID}.
 * Containers differ in how a write waits for such a client: Jersey (Payara) writes before
 * {@code send} returns and fails after the socket's write timeout;
 * RESTEasy (WildFly) queues the write and, on {@code close}, waits until the queue is written. So
 * unfinished writes count toward the limit too, and the sink is closed on a writer thread once its
 * last write is done.
 */
public final class RoomStream implements SseEventSink {

    /** How a stream ends for presence: leave after the grace period, leave at once, or not at all (node stopping). */
    public enum Ending { GRACEFUL, IMMEDIATE, SILENT }

    static final int MAX_QUEUED = 256;
    private static final int MAX_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(RoomStream.class.getName());
    private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

    private final SseEventSink sink;
    private final String room;
    private final String user;
    private final Consumer<RoomStream> onEnd;
    private final ChatMetrics metrics;
    private final Executor writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger unsent = new AtomicInteger();
    private final Object lock = new Object();
    private final ArrayDeque<SseFrame> queue = new ArrayDeque<>();
    private boolean replaying = true;
    private boolean draining;
    /** Set once the stream's farewell ({@code ended}) is queued: nothing follows it, and the stream closes once it is written. */
    private boolean closing;
    private volatile CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);
    private volatile String lastId;
    /** Whether queued events may go out joined in one write: see {@link SseFrame#writtenAsIs}. */
    private volatile boolean joinable;
    private volatile Ending ending = Ending.GRACEFUL;

    /** {@code writer}: container threads that write queued events and close the sink. */
    public RoomStream(SseEventSink sink, String room, String user, ChatMetrics metrics, Executor writer, Consumer<RoomStream> onEnd) {
        this.sink = sink;
        this.room = room;
        this.user = user;
        this.metrics = metrics;
        this.writer = writer;
        this.onEnd = onEnd;
    }

    public String room() { return room; }
    public String user() { return user; }
    public Ending ending() { return ending; }

    /** Called by the broadcaster for live events: queues the event and returns at once. */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        boolean full;
        boolean startDraining = false;
        synchronized (lock) {
            if (closing) {
                return DONE;
            }
            full = queue.size() >= MAX_QUEUED;
            if (!full) {
                queue.add(SseFrame.of(event));
                startDraining = !replaying && !draining;
                draining |= startDraining;
            }
        }
        if (full) {
            fellBehind();
        } else if (startDraining) {
            drainLater();
        }
        return DONE;
    }

    /** Sends at once, ahead of queued live events: the welcome, a reset, replayed history. */
    public void sendNow(SseFrame frame) {
        sendNow(List.of(frame));
    }

    /** Like {@link #sendNow(SseFrame)} for several events: a page of history goes out in one write where it can. */
    public void sendNow(List<SseFrame> frames) {
        boolean sent = true;
        if (joinable) {
            sent = forward(frames, false);
        } else {
            for (int i = 0; sent && i < frames.size(); i++) {
                sent = forward(List.of(frames.get(i)), false);
            }
        }
        if (!sent) {
            throw new IllegalStateException("The client has gone");
        }
    }

    /** Ends the replay: queued live events follow, then every event as it comes. */
    public void goLive() {
        boolean startDraining;
        synchronized (lock) {
            replaying = false;
            startDraining = !queue.isEmpty() && !draining;
            draining |= startDraining;
        }
        if (startDraining) {
            drainLater();
        }
    }

    /** Sends {@code farewell} after what is queued (or after the replay), then closes the stream. */
    public void end(Ending how, SseFrame farewell) {
        if (queueFarewell(how, farewell)) {
            drainLater();
        }
    }

    /**
     * Like {@link #end}, but a stream with nothing in flight writes its farewell on the calling
     * thread: the node is stopping, and the writer threads may get no further turn.
     */
    public void endNow(Ending how, SseFrame farewell) {
        if (queueFarewell(how, farewell)) {
            drain();
        }
    }

    /** Queues the farewell; true when the caller is to start draining. */
    private boolean queueFarewell(Ending how, SseFrame farewell) {
        synchronized (lock) {
            if (closing || ended.get()) {
                return false;
            }
            ending = how;
            closing = true;
            queue.add(farewell);
            boolean startDraining = !replaying && !draining;
            draining |= startDraining;
            return startDraining;
        }
    }

    @Override
    public boolean isClosed() {
        return ended.get() || sink.isClosed();
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            try {
                lastWrite.whenCompleteAsync((done, failed) -> closeSink(), writer);
            } catch (RejectedExecutionException e) {
                closeSink(); // the node is stopping
            }
            onEnd.accept(this);
        }
    }

    private void drainLater() {
        try {
            writer.execute(this::drain);
        } catch (RejectedExecutionException e) {
            close(); // the node is stopping
        }
    }

    /** Writes what is queued in one go; events queued meanwhile wait for the stream's next turn. */
    private void drain() {
        List<SseFrame> batch = new ArrayList<>();
        synchronized (lock) {
            int most = joinable ? MAX_BATCH : 1;
            while (!queue.isEmpty() && batch.size() < most) {
                batch.add(queue.poll());
            }
        }
        if (!forward(batch, true)) {
            return;
        }
        boolean more;
        boolean done;
        synchronized (lock) {
            more = !queue.isEmpty();
            draining = more;
            done = !more && closing;
        }
        if (more) {
            drainLater();
        } else if (done) {
            close();
        }
    }

    private void fellBehind() {
        if (!isClosed()) {
            metrics.dropped();
            close();
        }
    }

    /** Writes the events the stream does not have yet, in one write; false when the stream has ended. */
    private boolean forward(List<SseFrame> frames, boolean live) {
        List<SseFrame> fresh = new ArrayList<>(frames.size());
        for (SseFrame frame : frames) {
            String id = frame.getId();
            if (id != null) {
                String last = lastId;
                if (last != null && MessageId.compare(id, last) <= 0) {
                    continue;
                }
                lastId = id;
            }
            fresh.add(frame);
        }
        if (fresh.isEmpty()) {
            return true;
        }
        if (!written(SseFrame.joined(fresh), fresh.size())) {
            close();
            return false;
        }
        if (unsent.get() > MAX_QUEUED) {
            fellBehind();
            return false;
        }
        if (live) {
            for (SseFrame frame : fresh) {
                String id = frame.getId();
                if (id != null) {
                    metrics.delivered(MessageId.millis(id));
                }
            }
        }
        return true;
    }

    /** {@code events}: how many events the frame holds, counted as unsent until the container has written them. */
    private boolean written(SseFrame frame, int events) {
        try {
            if (isClosed()) {
                return false;
            }
            CompletableFuture<?> sent = sink.send(frame).toCompletableFuture();
            if (!sent.isDone()) {
                unsent.addAndGet(events);
                sent.whenComplete((done, failed) -> {
                    unsent.addAndGet(-events);
                    if (failed != null) {
                        close();
                    }
                });
            }
            lastWrite = sent;
            joinable |= frame.writtenAsIs();
            return !sent.isCompletedExceptionally();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing a stream failed; the client has gone", e);
        }
    }
}
