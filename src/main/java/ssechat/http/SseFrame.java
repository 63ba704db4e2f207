package ssechat.http;

import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A server-sent event encoded once, as the UTF-8 bytes of the {@code text/event-stream} format, so
 * that a message going to thousands of streams is encoded once per node and not once per stream.
 * Frames queued for one stream can be {@linkplain #joined joined} and go out in one write.
 * {@link SseFrameWriter} writes the bytes as they are, where the container lets it: Jersey does,
 * RESTEasy always uses its own writer, which encodes each event from its properties again. So a
 * frame tells whether it went out {@linkplain #writtenAsIs as is}, and joined frames are only
 * sent on streams where that has been seen.
 */
public final class SseFrame implements OutboundSseEvent {

    private final String name;
    private final String id;
    private final String comment;
    private final long reconnectDelay;
    private final String data;
    private final byte[] bytes;
    private volatile boolean writtenAsIs;

    private SseFrame(String name, String id, String comment, long reconnectDelay, String data, byte[] bytes) {
        this.name = name;
        this.id = id;
        this.comment = comment;
        this.reconnectDelay = reconnectDelay;
        this.data = data;
        this.bytes = bytes;
    }

    /** An event with text data; {@code id} may be null, {@code reconnectDelay} is only written when positive. */
    public static SseFrame event(String name, String id, String data, long reconnectDelay) {
        return encode(name, id, null, reconnectDelay, data);
    }

    /** A comment line, which clients ignore: keeps idle connections and proxies awake. */
    public static SseFrame comment(String comment) {
        return encode(null, null, comment, RECONNECT_NOT_SET, null);
    }

    /** Any outbound event with text data (or none), encoded by the same rules. */
    public static SseFrame of(OutboundSseEvent event) {
        if (event instanceof SseFrame frame) {
            return frame;
        }
        Object data = event.getData();
        if (data != null && !(data instanceof String)) {
            throw new IllegalArgumentException("Only text data can be sent, not " + data.getClass().getName());
        }
        return encode(event.getName(), event.getId(), event.getComment(), event.getReconnectDelay(), (String) data);
    }

    /**
     * Several frames as one, for one write. Its bytes are all the events in order; its other
     * properties are those of the last frame, so only {@link SseFrameWriter} writes it faithfully.
     */
    public static SseFrame joined(List<SseFrame> frames) {
        if (frames.size() == 1) {
            return frames.get(0);
        }
        int length = 0;
        for (SseFrame frame : frames) {
            length += frame.bytes.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (SseFrame frame : frames) {
            System.arraycopy(frame.bytes, 0, joined, at, frame.bytes.length);
            at += frame.bytes.length;
        }
        SseFrame last = frames.get(frames.size() - 1);
        return new SseFrame(last.name, last.id, last.comment, last.reconnectDelay, last.data, joined);
    }

    byte[] bytes() {
        return bytes;
    }

    /** True once {@link SseFrameWriter} wrote this frame's bytes, which proves it writes for that stream. */
    public boolean writtenAsIs() {
        return writtenAsIs;
    }

    void markWrittenAsIs() {
        writtenAsIs = true;
    }

    private static SseFrame encode(String name, String id, String comment, long reconnectDelay, String data) {
        StringBuilder text = new StringBuilder(64 + (data == null ? 0 : data.length()));
        if (comment != null) {
            lines(text, ": ", comment);
        }
        if (name != null) {
            field(text, "event", name);
        }
        if (id != null) {
            field(text, "id", id);
        }
        if (reconnectDelay > RECONNECT_NOT_SET) {
            field(text, "retry", Long.toString(reconnectDelay));
        }
        if (data != null) {
            lines(text, "data: ", data);
        }
        text.append('\n');
        return new SseFrame(name, id, comment, reconnectDelay, data, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One field; a line break in the value would end the field early, so it is refused. */
    private static void field(StringBuilder text, String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("An SSE " + field + " must be one line");
        }
        text.append(field).append(": ").append(value).append('\n');
    }

    /** Each line of a multi-line value gets its own prefix, as the format wants. */
    private static void lines(StringBuilder text, String prefix, String value) {
        for (String line : value.split("\r\n|\r|\n", -1)) {
            text.append(prefix).append(line).append('\n');
        }
    }

    @Override public String getId() { return id; }
    @Override public String getName() { return name; }
    @Override public String getComment() { return comment; }
    @Override public long getReconnectDelay() { return reconnectDelay; }
    @Override public boolean isReconnectDelaySet() { return reconnectDelay > RECONNECT_NOT_SET; }
    @Override public Class<?> getType() { return data == null ? null : String.class; }
    @Override public java.lang.reflect.Type getGenericType() { return getType(); }
    @Override public MediaType getMediaType() { return MediaType.TEXT_PLAIN_TYPE; }
    @Override public Object getData() { return data; }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
