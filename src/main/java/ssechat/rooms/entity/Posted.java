package ssechat.rooms.entity;

/** The outcome of a post: the message, and whether this request created it or repeated an earlier one. */
public record Posted(StoredMessage message, boolean created) {
}
