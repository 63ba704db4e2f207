package ssechat.http;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes server-sent events for the application's {@code SseEventSink}s in place of the
 * container's own writer, where the container looks one up (Jersey: an application provider wins
 * over its built-in one; RESTEasy never asks). Jersey's writer encodes every event again for every
 * sink, byte by byte; this one writes the bytes an {@link SseFrame} encoded once.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public class SseFrameWriter implements MessageBodyWriter<OutboundSseEvent> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return OutboundSseEvent.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        SseFrame frame = SseFrame.of(event);
        out.write(frame.bytes());
        frame.markWrittenAsIs();
    }
}
