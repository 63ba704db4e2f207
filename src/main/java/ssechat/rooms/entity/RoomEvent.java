package ssechat.rooms.entity;

/**
 * One event of a room as it travels over Redis pub/sub: its SSE name, its id (message events only)
 * and its data, one line of compact JSON. On the channel it is {@code "<name> <id or -> <data>"}.
 */
public record RoomEvent(String room, String name, String id, String data) {

    private static final String NO_ID = "-";

    public static RoomEvent parse(String room, String payload) {
        int nameEnd = payload.indexOf(' ');
        int idEnd = nameEnd < 0 ? -1 : payload.indexOf(' ', nameEnd + 1);
        if (idEnd < 0) {
            throw new IllegalArgumentException("Not a room event: missing name or id");
        }
        String name = payload.substring(0, nameEnd);
        String id = payload.substring(nameEnd + 1, idEnd);
        String data = payload.substring(idEnd + 1);
        if (!data.startsWith("{") || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Not a room event: data is not one line of JSON");
        }
        if (!NO_ID.equals(id) && !MessageId.isValid(id)) {
            throw new IllegalArgumentException("Not a room event: bad id");
        }
        return new RoomEvent(room, name, NO_ID.equals(id) ? null : id, data);
    }

    public String payload() {
        return name + ' ' + (id == null ? NO_ID : id) + ' ' + data;
    }
}
