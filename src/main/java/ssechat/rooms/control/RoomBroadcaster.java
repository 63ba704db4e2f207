package ssechat.rooms.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A room's broadcaster. It hands each event to every registered sink in turn and never waits for
 * one: a {@link RoomStream} only queues the event and writes it on a thread of its own. Jersey's
 * broadcaster is not used because, once a subscriber falls 256 events behind, it throws out of
 * {@code broadcast()} midway and the subscribers after it miss that event.
 */
public final class RoomBroadcaster implements SseBroadcaster {

    private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

    private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();
    private final List<Consumer<SseEventSink>> closeListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<SseEventSink, Throwable>> errorListeners = new CopyOnWriteArrayList<>();

    @Override
    public void register(SseEventSink sink) {
        sinks.add(sink);
    }

    @Override
    public CompletionStage<?> broadcast(OutboundSseEvent event) {
        for (SseEventSink sink : sinks) {
            if (sink.isClosed()) {
                sinks.remove(sink);
                sink.close(); // closed under it (RESTEasy closes a sink whose client left): it must still end
                continue;
            }
            try {
                sink.send(event);
            } catch (RuntimeException e) {
                sinks.remove(sink);
                errorListeners.forEach(listener -> listener.accept(sink, e));
                sink.close();
            }
        }
        return DONE;
    }

    @Override
    public void onError(BiConsumer<SseEventSink, Throwable> listener) {
        errorListeners.add(listener);
    }

    @Override
    public void onClose(Consumer<SseEventSink> listener) {
        closeListeners.add(listener);
    }

    @Override
    public void close() {
        close(true);
    }

    /** Forgets every sink, closing them too when {@code cascading}. */
    @Override
    public void close(boolean cascading) {
        for (SseEventSink sink : sinks) {
            if (cascading) {
                sink.close();
            }
            closeListeners.forEach(listener -> listener.accept(sink));
        }
        sinks.clear();
    }
}
