package ssechat.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ssechat.config.ChatConfig;
import ssechat.sessions.entity.Session;

/**
 * Tokens are {@code base64url(name).sessionId.expiresEpochSecond.base64url(HMAC-SHA256)}: any node
 * sharing the secret checks them without asking Redis.
 */
@ApplicationScoped
public class TokenSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    ChatConfig config;

    private SecretKeySpec key;
    private Clock clock = Clock.systemUTC();

    public TokenSigner() {
    }

    TokenSigner(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        key = new SecretKeySpec(config.secret(), ALGORITHM);
    }

    public String sign(Session session) {
        String payload = ENCODER.encodeToString(session.name().getBytes(StandardCharsets.UTF_8))
                + "." + session.id() + "." + session.expiresAt().getEpochSecond();
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The session a token speaks for, if its signature is ours and it has not expired. */
    public Optional<Session> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            String payload = parts[0] + "." + parts[1] + "." + parts[2];
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(parts[3]))) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!expiresAt.isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Session(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8), parts[1], expiresAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
