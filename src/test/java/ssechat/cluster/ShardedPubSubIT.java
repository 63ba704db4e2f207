package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.cluster.SentinelFailoverIT.idsAmong;
import static ssechat.it.ChatApi.uniqueName;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.redis.control.Keys;

/**
 * Sharded pub/sub on a Redis Cluster of three shards, two sse-chat nodes: each room channel is
 * {@code SSUBSCRIBE}d on the primary that owns its slot, by the nodes with a stream in the room only,
 * and no node holds a pattern subscription. Then the topology changes under load: a slot migrates
 * to another shard, and a primary dies by SIGKILL and its replica takes over; the nodes follow, and
 * no accepted message is lost or delivered twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShardedPubSubIT {

    static final System.Logger LOG = System.getLogger(ShardedPubSubIT.class.getName());
    static final String ADMIN_PASSWORD = "cluster-admin-password-0123456789";
    static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    @Order(1)
    static final LocalRedisCluster REDIS = new LocalRedisCluster();
    @RegisterExtension
    @Order(2)
    static final LocalCluster CHAT = LocalCluster.of(2, Map.of("REDIS_CLUSTER_NODES", REDIS.seeds(), "CHAT_HEARTBEAT_SECONDS", "2",
            "CHAT_ADMIN_PASSWORD", ADMIN_PASSWORD, "CHAT_REDIS_TIMEOUT_MS", "1000"));
    static final PubSubFigures figures = new PubSubFigures(CHAT, ADMIN_PASSWORD);

    /**
     * Two rooms on each shard, every one with a stream on node1, every other one on node2 too: each
     * channel is listed by its owner alone, and a message in each reaches exactly the nodes with streams.
     */
    @Test
    @Order(1)
    void eachRoomChannelIsSubscribedOnTheShardThatOwnsIt() throws Exception {
        Map<Integer, List<Room>> byOwner = roomsOnEveryShard(2);
        assertEquals(3, byOwner.size(), "rooms on all three shards");
        List<Room> rooms = byOwner.values().stream().flatMap(List::stream).toList();
        ChatApi node1 = LocalCluster.api(CHAT.node(1));
        String token = node1.token(uniqueName("poster"));
        try (Closer closer = new Closer()) {
            Map<Room, List<SseStream>> streams = new HashMap<>();
            for (int i = 0; i < rooms.size(); i++) {
                List<URI> nodes = i % 2 == 0 ? List.of(CHAT.node(1), CHAT.node(2)) : List.of(CHAT.node(1));
                streams.put(rooms.get(i), rooms.get(i).openOnEach(nodes, closer));
            }
            Set<String> ours = rooms.stream().map(room -> Keys.roomChannel(room.name())).collect(Collectors.toSet());
            for (int primary : REDIS.primaries()) {
                try (Jedis redis = REDIS.node(primary)) {
                    Set<String> owned = byOwner.get(primary).stream().map(room -> Keys.roomChannel(room.name())).collect(Collectors.toSet());
                    Set<String> listed = redis.pubsubShardChannels().stream().filter(ours::contains).collect(Collectors.toSet());
                    assertEquals(owned, listed, "PUBSUB SHARDCHANNELS on " + primary + " lists the channels of the rooms it owns, no other");
                }
            }
            for (int i = 0; i < rooms.size(); i++) {
                String channel = Keys.roomChannel(rooms.get(i).name());
                try (Jedis owner = REDIS.node(REDIS.owner(channel))) {
                    assertEquals(i % 2 == 0 ? 2L : 1L, owner.pubsubShardNumSub(channel).get(channel), "nodes subscribed to " + channel);
                }
            }
            for (int port : REDIS.alive()) {
                try (Jedis redis = REDIS.node(port)) {
                    assertEquals(0L, redis.pubsubNumPat(), "no pattern subscription on " + port);
                }
            }
            long[] before = {figures.settledReceived(1), figures.settledReceived(2)};
            for (Room room : rooms) {
                String id = node1.say(room.name(), token, "one").getString("id");
                for (SseStream stream : streams.get(room)) {
                    SseEvent message = stream.next("message", WAIT);
                    assertNotNull(message, "the message in " + room.name() + " reaches every node with a stream there");
                    assertEquals(id, message.id());
                }
            }
            long[] received = {figures.settledReceived(1) - before[0], figures.settledReceived(2) - before[1]};
            LOG.log(System.Logger.Level.INFO, "6 rooms on 3 shards, streams on node1 in all, on node2 in 3: node1 received {0}, node2 {1}",
                    received[0], received[1]);
            assertEquals(6L, received[0], "node1 received the message of each of its six rooms");
            assertEquals(3L, received[1], "node2 received the messages of its three rooms only");
        }
    }

    /** Unique rooms until each shard owns {@code each} of them (bounded); by owner's port. */
    private static Map<Integer, List<Room>> roomsOnEveryShard(int each) {
        Map<Integer, List<Room>> byOwner = new HashMap<>();
        for (int attempt = 0; attempt < 300 && !(byOwner.size() == 3 && byOwner.values().stream().allMatch(rooms -> rooms.size() >= each));
             attempt++) {
            Room room = Room.unique();
            List<Room> rooms = byOwner.computeIfAbsent(REDIS.owner(Keys.roomChannel(room.name())), port -> new ArrayList<>());
            if (rooms.size() < each) {
                rooms.add(room);
            }
        }
        return byOwner;
    }
}
