package ssechat.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ssechat.http.Json;
import ssechat.presence.entity.UserActivity;

/** The event payloads as clients read them: field names, order and nulls, written by JSON-B. */
class EventDataTest {

    @Test
    void joinLeaveAndTypingSayWhoWhereAndWhen() {
        assertEquals("{\"room\":\"lobby\",\"user\":\"张三\",\"ts\":1700000000000}",
                Json.write(new UserActivity("lobby", "张三", 1_700_000_000_000L)));
    }

    @Test
    void deleteNamesTheRoomAndTheMessage() {
        assertEquals("{\"room\":\"lobby\",\"id\":\"1-0\"}", Json.write(new Deleted("lobby", "1-0")));
    }

    @Test
    void welcomeWritesItsNulls() {
        assertEquals("{\"room\":\"lobby\",\"user\":null,\"node\":\"n1\",\"online\":[\"a\"],\"lastId\":null}",
                Json.write(new Welcome("lobby", null, "n1", List.of("a"), null)));
    }
}
