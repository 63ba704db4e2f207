package ssechat.rooms.entity;

/**
 * An order to every node to close a user's streams, in one room or (room null) in all; sent on
 * logout and by moderators. On the control channel: {@code "disconnect <user> [<room>]"}.
 */
public record Disconnect(String user, String room) {

    private static final String VERB = "disconnect ";

    public static Disconnect parse(String payload) {
        if (!payload.startsWith(VERB)) {
            throw new IllegalArgumentException("Unknown control command");
        }
        String[] words = payload.substring(VERB.length()).split(" ");
        if (words.length > 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("Malformed disconnect command");
        }
        return new Disconnect(words[0], words.length == 2 ? words[1] : null);
    }

    public String payload() {
        return VERB + user + (room == null ? "" : " " + room);
    }

    public boolean covers(String streamRoom, String streamUser) {
        return user.equals(streamUser) && (room == null || room.equals(streamRoom));
    }
}
