package ssechat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void aBodyNestedDeeperThanTheLimitIsInvalidJsonBeforeAnyParserSeesIt() {
        for (String open : new String[] {"[", "{\"a\":"}) {
            String close = open.equals("[") ? "]" : "}";
            String deep = "{\"text\":" + open.repeat(2500) + "1" + close.repeat(2500) + "}";
            ApiException refused = assertThrows(ApiException.class, () -> read(deep));
            assertEquals(Status.BAD_REQUEST, refused.status());
            assertEquals("invalid_json", refused.code());
        }
    }

    @Test
    void depthUpToTheLimitIsParsed() {
        String nested = "{\"text\":\"x\",\"extra\":" + "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1) + "}";
        assertEquals("x", read(nested).string("text"));
        String tooDeep = "{\"text\":\"x\",\"extra\":" + "[".repeat(JsonBody.MAX_DEPTH) + "]".repeat(JsonBody.MAX_DEPTH) + "}";
        assertEquals("invalid_json", assertThrows(ApiException.class, () -> read(tooDeep)).code());
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "[[[[{{{{\\\"[[[[".repeat(100);
        assertEquals("[[[[{{{{\"[[[[".repeat(100), read("{\"text\":\"" + text + "\"}").string("text"));
    }

    @Test
    void unbalancedOrTruncatedBodiesAreInvalidJson() {
        for (String body : new String[] {"{\"text\":", "}}}}", "{\"text\":\"x\"}]", "{\"text\":\"\\", "]"}) {
            assertEquals("invalid_json", assertThrows(ApiException.class, () -> read(body)).code(), body);
        }
    }

    @Test
    void aBodyThatCannotBeReadToItsEndIsABadRequestNotAServerFault() {
        InputStream cutOff = new SequenceInputStream(new ByteArrayInputStream("{\"text\":\"hal".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                });
        ApiException refused = assertThrows(ApiException.class, () -> JsonBody.read(cutOff));
        assertEquals(Status.BAD_REQUEST, refused.status());
        assertEquals("invalid_json", refused.code());
    }

    private static JsonBody read(String body) {
        return JsonBody.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
