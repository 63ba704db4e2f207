package ssechat.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFrameTest {

    @Test
    void encodesAnEventInTheFieldOrderClientsExpect() {
        SseFrame frame = SseFrame.event("welcome", "12-0", "{\"a\":1}", 2000);
        assertEquals("event: welcome\nid: 12-0\nretry: 2000\ndata: {\"a\":1}\n\n", frame.toString());
    }

    @Test
    void everyLineOfMultiLineDataGetsItsOwnPrefix() {
        assertEquals("data: a\ndata: b\ndata: \ndata: c\n\n", SseFrame.event(null, null, "a\r\nb\n\rc", -1).toString());
        assertEquals(": ping\n\n", SseFrame.comment("ping").toString());
    }

    @Test
    void fieldsCannotCarryLineBreaks() {
        assertThrows(IllegalArgumentException.class, () -> SseFrame.event("message\nevent: reset", null, "{}", -1));
        assertThrows(IllegalArgumentException.class, () -> SseFrame.event("message", "1\r", "{}", -1));
    }

    @Test
    void joinedFramesAreOneWriteOfAllEventsInOrder() throws Exception {
        SseFrame first = SseFrame.event("message", "1-0", "{\"n\":1}", -1);
        SseFrame second = SseFrame.event("message", "2-0", "{\"n\":2}", -1);
        SseFrame joined = SseFrame.joined(List.of(first, second));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(joined.writtenAsIs());
        new SseFrameWriter().writeTo(joined, SseFrame.class, SseFrame.class, null, null, null, out);
        assertEquals(first.toString() + second, out.toString(StandardCharsets.UTF_8));
        assertTrue(joined.writtenAsIs(), "the writer marks what it wrote");
        assertEquals("2-0", joined.getId(), "a joined frame carries the last id");
    }

    @Test
    void textIsEncodedAsUtf8() {
        assertArrayEquals("data: 你好\n\n".getBytes(StandardCharsets.UTF_8), SseFrame.event(null, null, "你好", -1).bytes());
    }
}
