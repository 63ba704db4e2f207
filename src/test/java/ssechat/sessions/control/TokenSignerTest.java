package ssechat.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ssechat.sessions.entity.Session;

class TokenSignerTest {

    private static final byte[] SECRET = "unit-test-secret-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final TokenSigner signer = new TokenSigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Session session = new Session("张三", "sid123", NOW.plusSeconds(3600));

    @Test
    void aSignedTokenVerifiesToTheSameSession() {
        assertEquals(Optional.of(session), signer.verify(signer.sign(session)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        TokenSigner later = new TokenSigner(SECRET, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        assertTrue(later.verify(signer.sign(session)).isEmpty());
    }

    @Test
    void anAlteredNameIsRefused() {
        String[] parts = signer.sign(session).split("\\.");
        parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString("李四".getBytes(StandardCharsets.UTF_8));
        assertTrue(signer.verify(String.join(".", parts)).isEmpty());
    }

    @Test
    void anAlteredExpiryIsRefused() {
        String[] parts = signer.sign(session).split("\\.");
        parts[2] = String.valueOf(Long.parseLong(parts[2]) + 86400);
        assertTrue(signer.verify(String.join(".", parts)).isEmpty());
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        TokenSigner other = new TokenSigner("another-secret-0123456789abcdefghijkl".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(signer.verify(other.sign(session)).isEmpty());
    }

    @Test
    void malformedTokensAreRefused() {
        for (String token : new String[] {"", "a.b.c", "a.b.c.d.e", "!!.x.1.y", "YQ.x.notanumber.AAAA", "YQ.x.1.%%%"}) {
            assertTrue(signer.verify(token).isEmpty(), token);
        }
    }
}
