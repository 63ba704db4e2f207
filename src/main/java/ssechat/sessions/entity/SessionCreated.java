package ssechat.sessions.entity;

/** The answer to {@code POST /api/sessions}. */
public record SessionCreated(String name, String token, String expiresAt) {
}
