package ssechat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssechat.http.Json;
import ssechat.rooms.entity.Welcome;

class SseEventsTest {

    @Test
    void theWelcomeIsWhatJsonBWouldWrite() {
        for (Welcome welcome : List.of(
                new Welcome("lobby", null, "n1", List.of(), null),
                new Welcome("lobby", "ann", "bench-node1", List.of("ann", "bob"), "1733380000000-7"),
                new Welcome("r-1", "quo\"te\\", "n\u2028", List.of("tab\there", "\u00e9t\u00e9", "\ud83d\ude00"), "1-0"))) {
            assertEquals(parsed(Json.write(welcome)), parsed(SseEvents.json(welcome)));
        }
        assertEquals("{\"room\":\"lobby\",\"user\":null,\"node\":\"n1\",\"online\":[\"a\",\"b\"],\"lastId\":null}",
                SseEvents.json(new Welcome("lobby", null, "n1", List.of("a", "b"), null)));
    }

    private static JsonObject parsed(String json) {
        return jakarta.json.Json.createReader(new StringReader(json)).readObject();
    }
}
