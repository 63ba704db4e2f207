package ssechat.presence.entity;

/** A user in a room: what presence counts streams of. */
public record RoomUser(String room, String user) {
}
