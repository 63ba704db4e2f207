package ssechat.rooms.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import ssechat.metrics.control.ChatMetrics;
import ssechat.rooms.entity.MessageId;

/**
 * One client's stream in a room, registered with the room's broadcaster in place of the raw sink.
 * It joins the broadcaster before history is replayed; live events arriving meanwhile are held and
 * sent after the replay. Message ids only go up on a stream, so the seam between replay and live
 * has no duplicate and no gap.
 */
public final class RoomStream implements SseEventSink {

    /** How a stream ends for presence: leave after the grace period, leave at once, or not at all (node stopping). */
    public enum Ending { GRACEFUL, IMMEDIATE, SILENT }

    private static final int MAX_HELD = 1000;
    private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

    private final SseEventSink sink;
    private final String room;
    private final String user;
    private final Consumer<RoomStream> onEnd;
    private final ChatMetrics metrics;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object lock = new Object();
    private List<OutboundSseEvent> held = new ArrayList<>();
    private volatile String lastId;
    private volatile Ending ending = Ending.GRACEFUL;
    private volatile boolean clientGone;

    public RoomStream(SseEventSink sink, String room, String user, ChatMetrics metrics, Consumer<RoomStream> onEnd) {
        this.sink = sink;
        this.room = room;
        this.user = user;
        this.metrics = metrics;
        this.onEnd = onEnd;
    }

    public String room() { return room; }
    public String user() { return user; }
    public Ending ending() { return ending; }
    /** True when a write found the client gone, as opposed to the server dropping a client that fell behind. */
    public boolean clientGone() { return clientGone; }

    /** Called by the broadcaster for live events. Throwing makes it drop this subscriber. */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        synchronized (lock) {
            if (held != null) {
                if (held.size() >= MAX_HELD) {
                    close();
                    throw new IllegalStateException("Too many live events while replaying history");
                }
                held.add(event);
                return DONE;
            }
        }
        return forward(event, true);
    }

    /** Sends at once, ahead of held live events: the welcome, a reset, replayed history. */
    public void sendNow(OutboundSseEvent event) {
        forward(event, false);
    }

    /** Ends the replay: held live events follow, then every event goes straight through. */
    public void goLive() {
        while (true) {
            List<OutboundSseEvent> batch;
            synchronized (lock) {
                if (held.isEmpty()) {
                    held = null;
                    return;
                }
                batch = held;
                held = new ArrayList<>();
            }
            batch.forEach(event -> forward(event, true));
        }
    }

    public void end(Ending how) {
        ending = how;
        close();
    }

    @Override
    public boolean isClosed() {
        return ended.get() || sink.isClosed();
    }

    @Override
    public void close() {
        try {
            sink.close();
        } finally {
            if (ended.compareAndSet(false, true)) {
                onEnd.accept(this);
            }
        }
    }

    private CompletionStage<?> forward(OutboundSseEvent event, boolean live) {
        String id = event.getId();
        if (id != null) {
            String last = lastId;
            if (last != null && MessageId.compare(id, last) <= 0) {
                return DONE;
            }
            lastId = id;
        }
        if (!written(event)) {
            clientGone = true;
            close();
            throw new IllegalStateException("The client has gone");
        }
        if (live && id != null) {
            metrics.delivered(Long.parseLong(id, 0, id.indexOf('-'), 10));
        }
        return DONE;
    }

    private boolean written(OutboundSseEvent event) {
        try {
            return !isClosed() && !sink.send(event).toCompletableFuture().isCompletedExceptionally();
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
