package ssechat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ssechat.rooms.entity.Welcome;

class JsonTest {

    @Test
    void quotedStringsParseBackToTheSameText() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x20);
                    case 1 -> "\"\\/\u2028\u2029".charAt(random.nextInt(5));
                    case 2 -> 0x4e00 + random.nextInt(0x5000);
                    default -> 0x1f600 + random.nextInt(0x40);
                };
                text.appendCodePoint(codePoint);
            }
            String quoted = Json.quote(text.toString());
            assertFalse(quoted.contains("\n") || quoted.contains("\r"), "one line");
            assertEquals(text.toString(), ((JsonString) jakarta.json.Json.createReader(new StringReader(quoted)).readValue()).getString());
        }
    }

    @Test
    void welcomeKeepsNullsAndTheContractsFieldOrder() {
        assertEquals("{\"room\":\"lobby\",\"user\":null,\"node\":\"n1\",\"online\":[\"a\"],\"lastId\":null}",
                Json.write(new Welcome("lobby", null, "n1", java.util.List.of("a"), null)));
    }
}
