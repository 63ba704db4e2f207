package ssechat.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoomEventTest {

    @Test
    void aPayloadRoundTrips() {
        RoomEvent message = new RoomEvent("lobby", "message", "5-0", "{\"text\":\"a b\"}");
        RoomEvent join = new RoomEvent("lobby", "join", null, "{\"user\":\"x\"}");
        assertEquals(message, RoomEvent.parse("lobby", message.payload()));
        assertEquals(join, RoomEvent.parse("lobby", join.payload()));
        assertEquals("join - {\"user\":\"x\"}", join.payload());
    }

    @Test
    void rejectsPayloadsThatCouldForgeOrSplitAnEvent() {
        for (String payload : new String[] {"", "message", "message 5-0", "message 5-0 not-json", "message 5-0 {\"a\":\"\n\"}",
                "message 5-0 {\"a\":\"\r\"}", "message x-1 {}"}) {
            assertThrows(IllegalArgumentException.class, () -> RoomEvent.parse("lobby", payload), payload);
        }
    }
}
