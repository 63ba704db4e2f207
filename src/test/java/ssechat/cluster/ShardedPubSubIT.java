package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.cluster.SentinelFailoverIT.idsAmong;
import static ssechat.it.ChatApi.uniqueName;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;
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

    /** A busy room's slot migrates to another shard while a writer posts: both nodes follow it, no message lost or repeated. */
    @Test
    @Order(2)
    void aBusyRoomsSlotMigratesWithoutLossOrDuplicate() throws Exception {
        Room room = Room.unique();
        String channel = Keys.roomChannel(room.name());
        int source = REDIS.owner(channel);
        int target = REDIS.primaries().stream().filter(port -> port != source).findFirst().orElseThrow();
        Writer writer = Writer.onEach(List.of(CHAT.node(1)), room).get(0);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Closer closer = new Closer(); RedisClusterClient redis = REDIS.client()) {
            List<SseStream> open = room.openOnEach(List.of(CHAT.node(1), CHAT.node(2)), closer);
            Future<List<String>> posting = background.submit(() -> writer.postAll("busy", 60, Duration.ofMillis(30)));
            TimeUnit.MILLISECONDS.sleep(500);
            long start = System.nanoTime();
            REDIS.migrateSlot(JedisClusterCRC16.getSlot(channel), source, target);
            long migrationMillis = millisSince(start);
            assertEquals(target, REDIS.owner(channel), "the slot moved");
            assertTrue(PubSubFigures.waitUntil(() -> shardSubscribers(target, channel) == 2, Duration.ofSeconds(10)),
                    "both nodes SSUBSCRIBEd the room's channel on its new owner");
            long resubscribeMillis = millisSince(start);
            assertEquals(0L, shardSubscribers(source, channel), "and none on the old one");
            List<String> ids = posting.get(60, TimeUnit.SECONDS);
            for (SseStream stream : open) {
                assertEquals(ids, idsAmong(stream, Set.copyOf(ids)), "a stream open across the migration gets every message once, in order");
            }
            assertEquals(ids, history(redis, room), "history holds every accepted post once");
            LOG.log(System.Logger.Level.INFO, "Slot of a busy room migrated {0} -> {1} in {2} ms; both nodes subscribed on the new owner {3} ms "
                    + "after the migration began; {4} messages, lost 0, repeated 0", String.valueOf(source), String.valueOf(target), migrationMillis,
                    resubscribeMillis, ids.size());
        } finally {
            background.shutdownNow();
        }
    }

    /**
     * SIGKILL of the primary that owns a busy room while a writer posts: its replica is promoted, both
     * nodes subscribe there, posts meanwhile get 503 (retried with their Idempotency-Key) and none is
     * half-written; open streams and a client resuming with Last-Event-ID miss nothing.
     */
    @Test
    @Order(3)
    void killingTheOwnerOfABusyRoomLosesNoAcceptedMessage() throws Exception {
        Room room = Room.unique();
        String channel = Keys.roomChannel(room.name());
        int primary = REDIS.owner(channel);
        Writer writer = Writer.onEach(List.of(CHAT.node(1)), room).get(0);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Closer closer = new Closer(); RedisClusterClient redis = REDIS.client()) {
            List<SseStream> open = room.openOnEach(List.of(CHAT.node(1), CHAT.node(2)), closer);
            String before = writer.post("before", "before", Duration.ofSeconds(5));
            Posting posting = new Posting(writer);
            Future<?> writing = background.submit(posting);
            TimeUnit.MILLISECONDS.sleep(500);

            REDIS.kill(primary);
            long killed = System.nanoTime();
            assertTrue(PubSubFigures.waitUntil(() -> REDIS.owner(channel) != primary && REDIS.owner(channel) != 0, FAILOVER_LIMIT),
                    "a replica is promoted within " + FAILOVER_LIMIT);
            long promotedMillis = millisSince(killed);
            int promoted = REDIS.owner(channel);
            assertTrue(PubSubFigures.waitUntil(() -> shardSubscribers(promoted, channel) == 2, Duration.ofSeconds(20)),
                    "both nodes SSUBSCRIBEd the room's channel on the promoted replica");
            long resubscribedMillis = millisSince(killed);
            TimeUnit.SECONDS.sleep(2);
            posting.stop();
            writing.get(30, TimeUnit.SECONDS);

            List<String> accepted = posting.accepted();
            assertEquals(List.of(), posting.unexpected(), "every post not accepted was answered 503");
            assertTrue(posting.unavailable() > 0, "posts during the failover got 503");
            List<String> all = new ArrayList<>(List.of(before));
            all.addAll(accepted);
            assertEquals(all, history(redis, room), "history holds every accepted post once, and nothing else (none half-written)");
            for (SseStream stream : open) {
                assertEquals(accepted, idsAmong(stream, Set.copyOf(accepted)), "a stream open across the failover gets every message once, in order");
            }
            try (SseStream resumed = SseStream.openAsBrowser(room.events(CHAT.nginx(), null), before)) {
                assertEquals(200, resumed.status());
                assertNotNull(resumed.next("welcome", WAIT));
                assertEquals(accepted, idsAmong(resumed, Set.copyOf(accepted)), "a client resuming with Last-Event-ID misses nothing");
            }
            LOG.log(System.Logger.Level.INFO, "Primary {0} SIGKILLed: replica {1} promoted after {2} ms; both nodes SSUBSCRIBEd there {3} ms "
                    + "after the kill; first post accepted again {4} ms after the kill; {5} answers 503 meanwhile; {6} messages accepted, "
                    + "lost 0, repeated 0", String.valueOf(primary), String.valueOf(promoted), promotedMillis, resubscribedMillis,
                    posting.firstAcceptedAfter(killed), posting.unavailable(), accepted.size());
        } finally {
            background.shutdownNow();
        }
    }

    /** Posts one message after another until stopped, each until accepted with its own Idempotency-Key, counting the 503s. */
    private static final class Posting implements Runnable {

        private final Writer writer;
        private final List<String> accepted = new CopyOnWriteArrayList<>();
        private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        private final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final AtomicInteger unavailable = new AtomicInteger();
        private volatile boolean running = true;

        Posting(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void run() {
            int i = 0;
            boolean pending = false; // the current post was not answered 2xx: it is repeated with its key even once stopped
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((running || pending) && System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> response = writer.postOnce("failover " + i, "failover-" + i);
                    pending = response.statusCode() == 503;
                    if (response.statusCode() == 201 || response.statusCode() == 200) {
                        accepted.add(ChatApi.json(response.body()).getString("id"));
                        acceptedAt.add(System.nanoTime());
                    } else if (pending) {
                        unavailable.incrementAndGet();
                    } else {
                        unexpected.add(response.statusCode() + " " + response.body());
                    }
                } catch (UncheckedIOException e) {
                    unexpected.add(e.toString());
                    pending = true;
                }
                if (!pending) {
                    i++;
                }
                PubSubFigures.sleep(20);
            }
        }

        void stop() {
            running = false;
        }

        List<String> accepted() {
            return List.copyOf(accepted);
        }

        List<String> unexpected() {
            return List.copyOf(unexpected);
        }

        int unavailable() {
            return unavailable.get();
        }

        /** Milliseconds from {@code since} to the first post accepted after it. */
        long firstAcceptedAfter(long since) {
            return acceptedAt.stream().filter(at -> at > since).findFirst().map(at -> (at - since) / 1_000_000).orElse(-1L);
        }
    }

    private static long shardSubscribers(int port, String channel) {
        try (Jedis redis = REDIS.node(port)) {
            return redis.pubsubShardNumSub(channel).getOrDefault(channel, 0L);
        }
    }

    private static List<String> history(RedisClusterClient redis, Room room) {
        return redis.xrange(Keys.history(room.name()), "-", "+").stream().map(entry -> entry.getID().toString()).toList();
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
