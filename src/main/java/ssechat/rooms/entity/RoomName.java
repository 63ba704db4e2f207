package ssechat.rooms.entity;

import java.util.regex.Pattern;
import ssechat.http.ApiException;

/** The contract's room names: lower-case letters, digits, {@code _} and {@code -}, at most 32. */
public final class RoomName {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private RoomName() {
    }

    public static String require(String room) {
        if (room == null || !VALID.matcher(room).matches()) {
            throw ApiException.badRequest("invalid_room", "A room name is 1 to 32 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return room;
    }
}
