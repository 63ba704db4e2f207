package ssechat.rooms.entity;

/** A message as history holds it: its id and its JSON, byte for byte as the {@code message} event carries it. */
public record StoredMessage(String id, String json) {

    private static final String ID_PREFIX = "{\"id\":\"";

    /**
     * The message JSON from its id and the fragment stored with it. {@code post.lua} builds the same
     * bytes for live delivery; the two must agree.
     */
    public static StoredMessage of(String id, String fragment) {
        String millis = id.substring(0, id.indexOf('-'));
        return new StoredMessage(id, ID_PREFIX + id + "\"," + fragment + ",\"ts\":" + millis + "}");
    }

    public static StoredMessage fromJson(String json) {
        return new StoredMessage(json.substring(ID_PREFIX.length(), json.indexOf('"', ID_PREFIX.length())), json);
    }
}
