package ssechat.rooms.entity;

/** How an author's edit or removal of a message went, as the history scripts answer it. */
public enum Change {
    DONE, NOT_FOUND, NOT_AUTHOR, TOO_LATE;

    /** From a script's answer: 1 done, 0 no such message, -1 someone else's, -2 too late. */
    public static Change of(int reply) {
        return switch (reply) {
            case 1 -> DONE;
            case 0 -> NOT_FOUND;
            case -1 -> NOT_AUTHOR;
            case -2 -> TOO_LATE;
            default -> throw new IllegalArgumentException("Unknown answer " + reply);
        };
    }
}
