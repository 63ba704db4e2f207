package ssechat.sessions.entity;

import java.time.Instant;

/** Who a token speaks for: the chosen name, the session that holds it, and when it ends. */
public record Session(String name, String id, Instant expiresAt) {
}
