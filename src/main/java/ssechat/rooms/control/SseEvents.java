package ssechat.rooms.control;

import ssechat.http.Json;
import ssechat.http.SseFrame;
import ssechat.rooms.entity.Ended;
import ssechat.rooms.entity.Reset;
import ssechat.rooms.entity.RoomEvent;
import ssechat.rooms.entity.StoredMessage;
import ssechat.rooms.entity.Welcome;

/**
 * Builds the outbound events, each encoded once however many streams it goes to. Data is always one
 * line of JSON, so that nothing a user typed can reach an {@code id:}, {@code event:} or comment
 * line, or split an event.
 */
public final class SseEvents {

    /** How long browsers wait before reconnecting, sent once as the stream's {@code retry:} line. */
    static final long RECONNECT_MILLIS = 2000;
    private static final SseFrame PING = SseFrame.comment("ping");

    private SseEvents() {
    }

    public static SseFrame welcome(Welcome welcome) {
        return SseFrame.event("welcome", null, json(welcome), RECONNECT_MILLIS);
    }

    /**
     * The welcome's data, written out by hand: every stream gets one, and JSON-B spent 1.3-2.7% of
     * a node's CPU on it while 5,000 streams opened. The same fields, order and nulls as
     * {@code Json.write(welcome)}.
     */
    static String json(Welcome welcome) {
        StringBuilder json = new StringBuilder(96 + 24 * welcome.online().size())
                .append("{\"room\":").append(quoted(welcome.room()))
                .append(",\"user\":").append(quoted(welcome.user()))
                .append(",\"node\":").append(quoted(welcome.node()))
                .append(",\"online\":[");
        for (int i = 0; i < welcome.online().size(); i++) {
            json.append(i == 0 ? "" : ",").append(quoted(welcome.online().get(i)));
        }
        return json.append("],\"lastId\":").append(quoted(welcome.lastId())).append('}').toString();
    }

    private static String quoted(String text) {
        return text == null ? "null" : Json.quote(text);
    }

    public static SseFrame of(RoomEvent event) {
        return event(event.name(), event.id(), event.data());
    }

    public static SseFrame message(StoredMessage message) {
        return event("message", message.id(), message.json());
    }

    public static SseFrame reset(Reset reset) {
        return event("reset", null, Json.write(reset));
    }

    public static SseFrame ended(Ended ended) {
        return event("ended", null, Json.write(ended));
    }

    public static SseFrame ping() {
        return PING;
    }

    private static SseFrame event(String name, String id, String json) {
        return SseFrame.event(name, id, json, SseFrame.RECONNECT_NOT_SET);
    }
}
