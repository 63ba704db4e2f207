package ssechat.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void acceptsRedisStreamIdsOnly() {
        assertTrue(MessageId.isValid("1732170000000-0"));
        assertTrue(MessageId.isValid("0-1"));
        assertTrue(MessageId.isValid("18446744073709551615-18446744073709551615"));
        for (String id : new String[] {null, "", "1", "1-", "-1", "a-1", "1-1-1", "18446744073709551616-0", " 1-0"}) {
            assertFalse(MessageId.isValid(id), String.valueOf(id));
        }
    }

    @Test
    void ordersByTimeThenSequenceNumerically() {
        List<String> ordered = List.of("9-5", "10-0", "10-2", "10-10", "0100-11", "999999999999-0");
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(MessageId.compare(ordered.get(i), ordered.get(j))),
                        ordered.get(i) + " vs " + ordered.get(j));
            }
        }
        assertEquals(0, MessageId.compare("007-1", "7-01"));
    }

    @Test
    void knowsTheIdsAtTheEdgesThatNoIdFollowsOrPrecedes() {
        String max = "18446744073709551615";
        assertTrue(MessageId.isLast(max + "-" + max));
        assertFalse(MessageId.isLast(max + "-0"));
        assertTrue(MessageId.isFirst("0-0"));
        assertTrue(MessageId.isFirst("00-000"));
        assertFalse(MessageId.isFirst("0-1"));
    }
}
