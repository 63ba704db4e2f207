package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A sink that fails must cost the others nothing: each still gets every event. */
class RoomBroadcasterTest {

    @Test
    void aFailingSinkIsDroppedAndTheOthersGetEveryEvent() {
        RoomBroadcaster broadcaster = new RoomBroadcaster();
        RecordingSink first = new RecordingSink(false);
        RecordingSink failing = new RecordingSink(true);
        RecordingSink last = new RecordingSink(false);
        List<SseEventSink> errors = new ArrayList<>();
        broadcaster.onError((sink, error) -> errors.add(sink));
        broadcaster.register(first);
        broadcaster.register(failing);
        broadcaster.register(last);
        broadcaster.broadcast(null);
        broadcaster.broadcast(null);
        assertEquals(2, first.sent);
        assertEquals(2, last.sent);
        assertEquals(List.of(failing), errors, "reported once, then forgotten");
        assertTrue(failing.closed);
    }

    @Test
    void closingClosesAndForgetsEverySink() {
        RoomBroadcaster broadcaster = new RoomBroadcaster();
        RecordingSink sink = new RecordingSink(false);
        broadcaster.register(sink);
        broadcaster.close();
        broadcaster.broadcast(null);
        assertTrue(sink.closed);
        assertEquals(0, sink.sent);
    }

    private static final class RecordingSink implements SseEventSink {
        private final boolean fails;
        int sent;
        boolean closed;

        RecordingSink(boolean fails) {
            this.fails = fails;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (fails) {
                throw new IllegalStateException("client gone");
            }
            sent++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
