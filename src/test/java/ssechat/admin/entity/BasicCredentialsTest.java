package ssechat.admin.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void readsUserAndPasswordInUtf8() {
        assertEquals(Optional.of(new BasicCredentials("管理员", "pa:ss wörd")), BasicCredentials.parse(basic("管理员:pa:ss wörd")));
        assertEquals(Optional.of(new BasicCredentials("a", "b")), BasicCredentials.parse("basic " + encode("a:b")));
    }

    @Test
    void ignoresOtherSchemesAndMalformedValues() {
        assertEquals(Optional.empty(), BasicCredentials.parse(null));
        assertEquals(Optional.empty(), BasicCredentials.parse("Bearer abc"));
        assertEquals(Optional.empty(), BasicCredentials.parse("Basic "));
        assertEquals(Optional.empty(), BasicCredentials.parse("Basic !!!not-base64"));
        assertEquals(Optional.empty(), BasicCredentials.parse(basic("no colon")));
    }

    private static String basic(String pair) {
        return "Basic " + encode(pair);
    }

    private static String encode(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
