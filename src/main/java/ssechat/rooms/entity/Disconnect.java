package ssechat.rooms.entity;

import java.time.Instant;
import ssechat.sessions.entity.UserName;

/**
 * An order to every node to close a user's streams, in one room or (room null) in all, telling
 * them why ({@link Ended}): sent on logout, by moderators and for bans. On the control channel:
 * {@code "end <reason> <until epoch s|-> <user> [<room>]"}. Orders of the previous version,
 * {@code "disconnect <user> [<room>]"}, are still read (a logout without a room, a kick with one),
 * so that old and new nodes can run side by side during a rolling upgrade.
 */
public record Disconnect(String user, String room, String reason, Instant until) {

    public static final String LOGOUT = "logout";
    public static final String KICKED = "kicked";
    public static final String BANNED = "banned";
    public static final String SHUTDOWN = "shutdown";

    private static final String VERB = "end ";
    private static final String OLD_VERB = "disconnect ";

    public static Disconnect logout(String user) {
        return new Disconnect(user, null, LOGOUT, null);
    }

    public static Disconnect kick(String user, String room) {
        return new Disconnect(user, room, KICKED, null);
    }

    public static Disconnect ban(String user, Instant until) {
        return new Disconnect(user, null, BANNED, until);
    }

    public static Disconnect parse(String payload) {
        if (payload.startsWith(OLD_VERB)) {
            String[] words = words(payload.substring(OLD_VERB.length()), 1, 2);
            return words.length == 2 ? kick(words[0], words[1]) : logout(words[0]);
        }
        if (!payload.startsWith(VERB)) {
            throw new IllegalArgumentException("Unknown control command");
        }
        String[] words = words(payload.substring(VERB.length()), 3, 4);
        if (!words[0].equals(LOGOUT) && !words[0].equals(KICKED) && !words[0].equals(BANNED)) {
            throw new IllegalArgumentException("Unknown reason in an end command");
        }
        Instant until = words[1].equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(words[1]));
        return new Disconnect(words[2], words.length == 4 ? words[3] : null, words[0], until);
    }

    private static String[] words(String text, int least, int most) {
        String[] words = text.split(" ");
        if (words.length < least || words.length > most || words[0].isEmpty()) {
            throw new IllegalArgumentException("Malformed control command");
        }
        return words;
    }

    public String payload() {
        return VERB + reason + " " + (until == null ? "-" : String.valueOf(until.getEpochSecond())) + " " + user
                + (room == null ? "" : " " + room);
    }

    /** What the streams the order closes are told, in {@code room}. */
    public Ended ended(String streamRoom) {
        return new Ended(streamRoom, reason, until == null ? null : until.toString());
    }

    /** A ban covers every name that claims as the banned one ("Alice" and "alice"); the others the exact name. */
    public boolean covers(String streamRoom, String streamUser) {
        if (streamUser == null || (room != null && !room.equals(streamRoom))) {
            return false;
        }
        return BANNED.equals(reason) ? UserName.claimForm(user).equals(UserName.claimForm(streamUser)) : user.equals(streamUser);
    }
}
