package ssechat.redis.control;

/** Every Redis key and channel name sse-chat uses, so that the layout can be read in one place. */
public final class Keys {

    public static final String ROOM_CHANNEL_PATTERN = "chat:room:*";
    public static final String ROOM_CHANNEL_PREFIX = "chat:room:";
    public static final String CONTROL_CHANNEL = "chat:control";
    public static final String NODES = "chat:nodes";
    /** Node ids with published figures, scored by when those expire (admin console, metrics). */
    public static final String STATS_NODES = "chat:stats:nodes";

    private Keys() {
    }

    public static String roomChannel(String room) { return ROOM_CHANNEL_PREFIX + room; }
    public static String history(String room) { return "chat:history:" + room; }
    public static String online(String room) { return "chat:online:" + room; }
    public static String nodeStreams(String node) { return "chat:node:" + node + ":streams"; }
    public static String nodeAlive(String node) { return "chat:node:" + node + ":alive"; }
    public static String nameClaim(String normalizedName) { return "chat:name:" + normalizedName; }
    public static String idempotency(String user, String key) { return "chat:idem:" + user + ":" + key; }
    public static String typing(String room, String user) { return "chat:typing:" + room + ":" + user; }
    public static String nodeStats(String node) { return "chat:stats:node:" + node; }
    public static String rate(String bucket, String subject) { return "chat:rate:" + bucket + ":" + subject; }
    /** Open streams of a user / a client address, a field per node: node id -> streams there. */
    public static String userStreams(String user) { return "chat:streams:user:" + user; }
    public static String addressStreams(String address) { return "chat:streams:addr:" + address; }
    /** The stream counts a node holds: the key of each counted user or address -> its streams there. */
    public static String nodeStreamCounts(String node) { return "chat:node:" + node + ":stream-counts"; }
}
