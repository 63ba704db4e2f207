package ssechat.sessions.entity;

/** A CDI event: a user logged out, so their streams on every node should close. */
public record SessionEnded(String name, String sessionId) {
}
