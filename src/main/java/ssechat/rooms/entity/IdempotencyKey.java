package ssechat.rooms.entity;

import java.util.Optional;
import java.util.regex.Pattern;
import ssechat.http.ApiException;

/** The optional {@code Idempotency-Key} header: 1 to 64 visible ASCII characters. */
public final class IdempotencyKey {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,64}");

    private IdempotencyKey() {
    }

    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(header).matches()) {
            throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key is 1 to 64 visible ASCII characters");
        }
        return Optional.of(header);
    }
}
