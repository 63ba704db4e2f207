package ssechat.redis.control;

/** Every Redis key and channel name sse-chat uses, so that the layout can be read in one place. */
public final class Keys {

    public static final String ROOM_CHANNEL_PREFIX = "chat:room:";
    public static final String CONTROL_CHANNEL = "chat:control";
    public static final String NODES = "chat:nodes";
    /** Node ids with published figures, scored by when those expire (admin console, metrics). */
    public static final String STATS_NODES = "chat:stats:nodes";
    /** Node ids with samples in their history, scored by their latest sample's time (admin console's charts). */
    public static final String STATS_HISTORY_NODES = "chat:stats:history:nodes";
    /** The room directory: room names scored by their last activity (a post or a join), epoch ms. */
    public static final String ROOMS = "chat:rooms";
    /** moderation: the claim forms of banned names, scored by when their ban runs out (epoch ms). */
    public static final String BANS = "chat:bans";
    /** moderation: the admins' actions, a stream of bounded length. */
    public static final String AUDIT = "chat:audit";

    private Keys() {
    }

    public static String roomChannel(String room) { return ROOM_CHANNEL_PREFIX + room; }
    public static String history(String room) { return "chat:history:" + room; }
    /** A room's edited messages: message id -> the message JSON as it now reads. */
    public static String edits(String room) { return "chat:edits:" + room; }
    public static String online(String room) { return "chat:online:" + room; }
    public static String nodeStreams(String node) { return "chat:node:" + node + ":streams"; }
    public static String nodeAlive(String node) { return "chat:node:" + node + ":alive"; }
    public static String nameClaim(String normalizedName) { return "chat:name:" + normalizedName; }
    /** A post's idempotency key: holds the message the first request created. */
    public static String idempotency(String user, String key) { return "chat:idem:" + user + ":" + key; }
    /** A typing call's idempotency key, apart from the posts' so that no key of one can be taken for the other's. */
    public static String typingIdempotency(String user, String key) { return "chat:idem-typing:" + user + ":" + key; }
    public static String typing(String room, String user) { return "chat:typing:" + room + ":" + user; }
    public static String nodeStats(String node) { return "chat:stats:node:" + node; }
    /** A node's samples over the last hour, scored by time. */
    public static String nodeHistory(String node) { return "chat:stats:history:node:" + node; }
    public static String rate(String bucket, String subject) { return "chat:rate:" + bucket + ":" + subject; }
    // identity: revoked sessions, failed admin sign-ins
    /** A logged-out session: lives until its token would have expired. */
    public static String revokedSession(String sessionId) { return "chat:revoked:" + sessionId; }
    /** Failed admin sign-ins by one client address or one user name ({@code kind} addr or user). */
    public static String adminFailures(String kind, String subject) { return "chat:adminlogin:failures:" + kind + ":" + subject; }
    public static String adminBlock(String kind, String subject) { return "chat:adminlogin:block:" + kind + ":" + subject; }
    /** Set while an address's throttling has been logged, so that it is logged once per window. */
    public static String adminThrottleLogged(String address) { return "chat:adminlogin:logged:" + address; }
    /** Open streams of a user / a client address, a field per node: node id -> streams there. */
    public static String userStreams(String user) { return "chat:streams:user:" + user; }
    public static String addressStreams(String address) { return "chat:streams:addr:" + address; }
    /** The stream counts a node holds: the key of each counted user or address -> its streams there. */
    public static String nodeStreamCounts(String node) { return "chat:node:" + node + ":stream-counts"; }
    /** moderation: a ban on every name of this claim form, as JSON; expires with the ban. */
    public static String ban(String claimForm) { return "chat:ban:" + claimForm; }
}
