package ssechat.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssechat.http.Json;

/** Control orders: the reason travels with them, and orders of the previous version are still read. */
class DisconnectTest {

    @Test
    void ordersRoundTripWithTheirReasonAndEnd() {
        Instant until = Instant.parse("2026-12-04T20:00:00Z");
        for (Disconnect order : List.of(Disconnect.logout("alice"), Disconnect.kick("张三", "lobby"), Disconnect.ban("Bob", until))) {
            assertEquals(order, Disconnect.parse(order.payload()));
        }
        assertEquals("end banned 1796414400 Bob", Disconnect.ban("Bob", until).payload());
    }

    @Test
    void ordersOfThePreviousVersionAreReadAsLogoutAndKick() {
        assertEquals(Disconnect.logout("alice"), Disconnect.parse("disconnect alice"));
        assertEquals(Disconnect.kick("alice", "lobby"), Disconnect.parse("disconnect alice lobby"));
    }

    @Test
    void malformedOrdersAreRefused() {
        for (String payload : List.of("disconnect ", "disconnect a b c", "end kicked -", "end shutdown - alice", "end banned x alice", "reboot")) {
            assertThrows(IllegalArgumentException.class, () -> Disconnect.parse(payload), payload);
        }
    }

    @Test
    void aBanCoversEveryNameOfTheSameClaimFormAKickOnlyTheName() {
        Disconnect ban = Disconnect.ban("alice", Instant.EPOCH);
        assertTrue(ban.covers("any", "Alice"));
        assertTrue(ban.covers("any", "аlice"), "Cyrillic а");
        assertFalse(ban.covers("any", "alicia"));
        Disconnect kick = Disconnect.kick("alice", "lobby");
        assertTrue(kick.covers("lobby", "alice"));
        assertFalse(kick.covers("lobby", "Alice"));
        assertFalse(kick.covers("other", "alice"));
        assertFalse(kick.covers("lobby", null), "anonymous streams are nobody's");
    }

    @Test
    void theEndedEventSaysWhyAndUntilWhen() {
        assertEquals("{\"room\":\"lobby\",\"reason\":\"banned\",\"until\":\"1970-01-01T00:00:00Z\"}",
                Json.write(Disconnect.ban("x", Instant.EPOCH).ended("lobby")));
        assertEquals("{\"room\":\"r\",\"reason\":\"logout\",\"until\":null}", Json.write(Disconnect.logout("x").ended("r")));
    }
}
