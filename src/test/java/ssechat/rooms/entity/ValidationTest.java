package ssechat.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import ssechat.http.ApiException;
import ssechat.sessions.entity.UserName;

/** The contract's limits on names, texts and keys. */
class ValidationTest {

    @Test
    void roomNames() {
        for (String ok : new String[] {"lobby", "a", "0-room_x", "a".repeat(32)}) {
            assertEquals(ok, RoomName.require(ok));
        }
        for (String bad : new String[] {"", "Lobby", "-a", "_a", "a".repeat(33), "a b", "a/b", "房间"}) {
            assertThrows(ApiException.class, () -> RoomName.require(bad), bad);
        }
    }

    @Test
    void userNames() {
        for (String ok : new String[] {"alice_01", "张三", "a.b-c", "x".repeat(32), "𝒜lice"}) {
            assertEquals(ok, UserName.require(ok));
        }
        for (String bad : new String[] {"", "a b", "a\tb", "x".repeat(33), "<b>", "a\u0000", "a\"b", "a:b"}) {
            assertThrows(ApiException.class, () -> UserName.require(bad), bad);
        }
        assertEquals(UserName.claimForm("Alice"), UserName.claimForm("ａｌｉｃｅ"));
    }

    @Test
    void messageTexts() {
        assertEquals("😀".repeat(2000), MessageText.require("😀".repeat(2000)));
        assertEquals("\n x \n", MessageText.require("\n x \n"));
        for (String bad : new String[] {"", " \n\t", "a".repeat(2001), "a\u0000b", "\ud800", "x\udc00"}) {
            assertThrows(ApiException.class, () -> MessageText.require(bad), bad);
        }
    }

    @Test
    void idempotencyKeys() {
        assertEquals(Optional.empty(), IdempotencyKey.parse(null));
        assertEquals(Optional.of("k-1:~"), IdempotencyKey.parse("k-1:~"));
        for (String bad : new String[] {"", " ", "a b", "k".repeat(65), "ключ"}) {
            assertThrows(ApiException.class, () -> IdempotencyKey.parse(bad), bad);
        }
    }
}
