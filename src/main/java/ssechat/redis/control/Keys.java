package ssechat.redis.control;

import java.util.Optional;

/**
 * Every Redis key and channel name sse-chat uses, so that the layout can be read in one place.
 * <p>
 * Laid out for Redis Cluster: the part between braces is the hash tag, and every key that one
 * script or one multi-key command touches carries the same tag, so it lives in one slot. A room's
 * keys carry the room ({@code chat:{lobby}:history}), a user's the claim form of the name
 * ({@code chat:{u:alice}:name}), a client address's the address ({@code chat:{ip:10.0.0.1}:...}), a
 * node's the node ({@code chat:{n:node1}:...}). Room names cannot hold a colon, so no other tag can
 * be taken for a room's. A brace in a tagged name is escaped ({@link #tag}), so it cannot end the tag.
 * Keys without a tag are single global keys (the room directory, the bans index, the audit log).
 */
public final class Keys {

    public static final String CONTROL_CHANNEL = "chat:control";
    /** Node ids scored by when they stop counting as alive (epoch ms, Redis's clock). */
    public static final String NODES = "chat:{nodes:all}:alive";
    /** Node ids with published figures, scored by when those expire (admin console, metrics). */
    public static final String STATS_NODES = "chat:{stats:all}:nodes";
    /** Node ids with samples in their history, scored by their latest sample's time (admin console's charts). */
    public static final String STATS_HISTORY_NODES = "chat:{stats:all}:history:nodes";
    /** The room directory: room names scored by their last activity (a post or a join), epoch ms. */
    public static final String ROOMS = "chat:rooms";
    /** moderation: the claim forms of banned names, scored by when their ban runs out (epoch ms). */
    public static final String BANS = "chat:bans";
    /** moderation: the admins' actions, a stream of bounded length. */
    public static final String AUDIT = "chat:audit";
    /** Held by the node that renames keys of an older layout at startup. */
    public static final String MIGRATION_LOCK = "chat:migration:lock";
    /** Sessions revoked under the layout before hash tags, whose user is unknown: session id scored by expiry (epoch ms). */
    public static final String LEGACY_REVOKED = "chat:legacy-revoked";
    /** The key layout Redis holds, once a node has moved the keys of an older one ({@link KeyLayoutUpgrade}). */
    public static final String LAYOUT = "chat:layout";

    private static final String CHANNEL_SUFFIX = "}:channel";

    private Keys() {
    }

    // a room's keys: tag {<room>}

    public static String roomChannel(String room) { return room(room) + ":channel"; }
    /** The room a channel is of, if it is a room's channel. */
    public static Optional<String> roomOfChannel(String channel) {
        if (channel.startsWith("chat:{") && channel.endsWith(CHANNEL_SUFFIX) && channel.indexOf(':', 6) == channel.length() - 8) {
            return Optional.of(untag(channel.substring(6, channel.length() - CHANNEL_SUFFIX.length())));
        }
        return Optional.empty();
    }
    public static String history(String room) { return room(room) + ":history"; }
    /** A room's edited messages: message id -> the message JSON as it now reads. */
    public static String edits(String room) { return room(room) + ":edits"; }
    /** user -> streams in the room on all nodes. */
    public static String online(String room) { return room(room) + ":online"; }
    /** user -> streams in the room on one node, so that a dead node's can be taken out. */
    public static String roomNodeStreams(String room, String node) { return room(room) + ":node:" + node; }
    public static String typing(String room, String user) { return room(room) + ":typing:" + user; }
    /** A post's idempotency key: holds the message the first request created. */
    public static String idempotency(String room, String user, String key) { return room(room) + ":idem:" + user + ":" + key; }
    /** A typing call's idempotency key, apart from the posts' so that no key of one can be taken for the other's. */
    public static String typingIdempotency(String room, String user, String key) { return room(room) + ":idem-typing:" + user + ":" + key; }

    // a user's keys: tag {u:<claim form of the name>}

    public static String nameClaim(String claimForm) { return user(claimForm) + ":name"; }
    /** A logged-out session: lives until its token would have expired. */
    public static String revokedSession(String claimForm, String sessionId) { return user(claimForm) + ":revoked:" + sessionId; }
    /** moderation: a ban on every name of this claim form, as JSON; expires with the ban. */
    public static String ban(String claimForm) { return user(claimForm) + ":ban"; }
    /** A fixed-window rate counter of one user. */
    public static String userRate(String claimForm, String bucket) { return user(claimForm) + ":rate:" + bucket; }
    /** Open streams of a user, a field per node: node id -> streams there. */
    public static String userStreams(String claimForm) { return user(claimForm) + ":streams"; }

    // a client address's keys: tag {ip:<address>}

    public static String addressRate(String address, String bucket) { return address(address) + ":rate:" + bucket; }
    public static String addressStreams(String address) { return address(address) + ":streams"; }
    /** Failed admin sign-ins from one client address, and the block they caused. */
    public static String adminFailuresByAddress(String address) { return address(address) + ":admin-failures"; }
    public static String adminBlockByAddress(String address) { return address(address) + ":admin-block"; }
    /** Set while an address's throttling has been logged, so that it is logged once per window. */
    public static String adminThrottleLogged(String address) { return address(address) + ":admin-logged"; }

    // an admin user name's keys: tag {admin:<digest of the name>}

    public static String adminFailuresByUser(String digest) { return "chat:{admin:" + tag(digest) + "}:failures"; }
    public static String adminBlockByUser(String digest) { return "chat:{admin:" + tag(digest) + "}:block"; }

    // a node's keys: tag {n:<node>}

    /** The rooms where a node has counted streams (a superset: rooms are taken out when the node is reaped). */
    public static String nodeRooms(String node) { return node(node) + ":rooms"; }
    /** The stream counts a node holds: the key of each counted user or address -> its streams there. */
    public static String nodeStreamCounts(String node) { return node(node) + ":stream-counts"; }

    // node figures for the admin console: one slot for all nodes, written about once a second by each

    public static String nodeStats(String node) { return "chat:{stats:all}:node:" + node; }
    /** A node's samples over the last hour, scored by time. */
    public static String nodeHistory(String node) { return "chat:{stats:all}:history:node:" + node; }
    /** Held by the node reaping a dead node, so that two nodes do not reap one at the same time. */
    public static String reaping(String node) { return "chat:{nodes:all}:reaping:" + node; }

    /** A name made safe to stand in a hash tag: a brace would end (or open) the tag early. */
    public static String tag(String name) {
        return name.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    }

    private static String untag(String tagged) {
        return tagged.replace("%7D", "}").replace("%7B", "{").replace("%25", "%");
    }

    private static String room(String room) { return "chat:{" + tag(room) + "}"; }
    private static String user(String claimForm) { return "chat:{u:" + tag(claimForm) + "}"; }
    private static String address(String address) { return "chat:{ip:" + tag(address) + "}"; }
    private static String node(String node) { return "chat:{n:" + tag(node) + "}"; }
}
