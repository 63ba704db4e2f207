package ssechat.rooms.control;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import ssechat.http.Json;
import ssechat.rooms.entity.Reset;
import ssechat.rooms.entity.RoomEvent;
import ssechat.rooms.entity.StoredMessage;
import ssechat.rooms.entity.Welcome;

/**
 * Builds the outbound events. Data is always one line of JSON passed as text, so that nothing a
 * user typed can reach an {@code id:}, {@code event:} or comment line, or split an event.
 */
public final class SseEvents {

    /** How long browsers wait before reconnecting, sent once as the stream's {@code retry:} line. */
    static final long RECONNECT_MILLIS = 2000;

    private final Sse sse;
    private final OutboundSseEvent ping;

    public SseEvents(Sse sse) {
        this.sse = sse;
        this.ping = sse.newEventBuilder().comment("ping").build();
    }

    public OutboundSseEvent welcome(Welcome welcome) {
        return event("welcome", null, Json.write(welcome)).reconnectDelay(RECONNECT_MILLIS).build();
    }

    public OutboundSseEvent of(RoomEvent event) {
        return event(event.name(), event.id(), event.data()).build();
    }

    public OutboundSseEvent message(StoredMessage message) {
        return event("message", message.id(), message.json()).build();
    }

    public OutboundSseEvent reset(Reset reset) {
        return event("reset", null, Json.write(reset)).build();
    }

    public OutboundSseEvent ping() {
        return ping;
    }

    private OutboundSseEvent.Builder event(String name, String id, String json) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, json);
        return id == null ? builder : builder.id(id);
    }
}
