package ssechat.sessions.control;

/** What a rate limit counts. */
public enum Bucket {
    MESSAGES, TYPING, SESSIONS;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
