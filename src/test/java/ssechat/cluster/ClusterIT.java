package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.it.ChatApi.uniqueName;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import ssechat.admin.AdminApi;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.redis.control.Keys;

/**
 * Two nodes sharing one Redis behind Nginx, started by server-config/cluster/start.sh with a 2 s
 * heartbeat and a 5 s Nginx read timeout. The node-kill test runs late: it leaves one node.
 * A user may hold three streams (across the nodes), so that the cap can be seen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterIT {

    static final System.Logger LOG = System.getLogger(ClusterIT.class.getName());
    static final int HEARTBEAT_SECONDS = 2;
    static final int READ_TIMEOUT_SECONDS = 5;
    static final int STREAMS_PER_USER = 3;

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of(
                "CHAT_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT_SECONDS),
                "NGINX_STREAM_READ_TIMEOUT", READ_TIMEOUT_SECONDS + "s",
                "CHAT_MAX_STREAMS_PER_USER", String.valueOf(STREAMS_PER_USER)));
    /** A capped user's streams, kept open across the node kill. */
    static final Closer cappedStreams = new Closer();
    static String cappedToken;

    final Room room = Room.unique();

    @AfterAll
    static void closeCappedStreams() throws Exception {
        cappedStreams.close();
    }

    @Test
    @Order(1)
    void messagePostedOnOneNodeReachesStreamsOnTheOtherDirectlyAndThroughNginx() throws Exception {
        String token = cluster.nginxApi().token(uniqueName("poster"));
        try (Closer closer = new Closer()) {
            SseStream direct = closer.add(room.open(cluster.node(2), null));
            SseStream proxiedA = closer.add(room.open(cluster.nginx(), null));
            SseStream proxiedB = closer.add(room.open(cluster.nginx(), null));
            assertEquals("node2", welcomeNode(direct));
            assertEquals(Set.of("node1", "node2"), new HashSet<>(List.of(welcomeNode(proxiedA), welcomeNode(proxiedB))),
                    "least_conn puts two open streams on two nodes");
            String id = LocalCluster.api(cluster.node(1)).say(room.name(), token, "from node1").getString("id");
            for (SseStream stream : List.of(direct, proxiedA, proxiedB)) {
                SseEvent message = stream.next("message", WAIT);
                assertNotNull(message, "a message posted on node1 reaches every stream, on every node");
                assertEquals(id, message.id());
            }
        }
    }

    @Test
    @Order(2)
    void presenceIsTheSameOnEveryNode() throws Exception {
        List<String> users = List.of(uniqueName("ann"), uniqueName("ben"), uniqueName("cat"));
        List<URI> entries = List.of(cluster.node(1), cluster.node(2), cluster.nginx());
        try (Closer closer = new Closer()) {
            for (int i = 0; i < users.size(); i++) {
                welcomeNode(closer.add(room.open(entries.get(i), cluster.nginxApi().token(users.get(i)))));
            }
            for (URI entry : entries) {
                assertEquals(users.stream().sorted().toList(), room.online(entry), "online users through " + entry);
            }
        }
    }

    /** These nodes have no CHAT_ADMIN_PASSWORD: the admin API says it is off, with credentials or without. */
    @Test
    @Order(3)
    void adminApiIsOffWithoutAPassword() throws Exception {
        ChatApi node = LocalCluster.api(cluster.node(1));
        for (AdminApi admin : List.of(AdminApi.anonymous(node), AdminApi.with(node, "admin", "a-long-enough-password"))) {
            HttpResponse<String> response = admin.get("api/admin/stats");
            assertEquals(404, response.statusCode());
            assertEquals("admin_off", ChatApi.json(response.body()).getString("error"));
        }
    }

    /**
     * Nginx adds no delay: each event leaves Nginx as soon as the node sends it (compared with a
     * stream straight to the same node), and is there within 100 ms of being posted.
     */
    @Test
    @Order(4)
    void nginxPassesEachEventOnWithinAHundredMilliseconds() throws Exception {
        String token = cluster.nginxApi().token(uniqueName("quick"));
        long opened = System.nanoTime();
        try (Closer closer = new Closer()) {
            SseStream proxied = closer.add(room.open(cluster.nginx(), null));
            String node = welcomeNode(proxied);
            long welcomeMillis = millisSince(opened);
            assertTrue(welcomeMillis < 1000, "the welcome passes Nginx at once, not held in a buffer: " + welcomeMillis + " ms");
            SseStream direct = closer.add(room.open(cluster.node(node), null));
            welcomeNode(direct);
            List<Long> posted = new ArrayList<>();
            List<Long> added = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long sent = System.nanoTime();
                String id = cluster.nginxApi().say(room.name(), token, "quick " + i).getString("id");
                assertNotNull(proxied.next("message", WAIT), "message " + i + " through Nginx");
                assertNotNull(direct.next("message", WAIT), "message " + i + " straight from " + node);
                posted.add(TimeUnit.NANOSECONDS.toMillis(proxied.arrivedAt(id) - sent));
                added.add(TimeUnit.NANOSECONDS.toMillis(proxied.arrivedAt(id) - direct.arrivedAt(id)));
            }
            List<Long> measured = posted.subList(10, 20);
            LOG.log(System.Logger.Level.INFO, "Through Nginx: welcome after {0} ms; post to event ms {1}; Nginx adds ms {2}",
                    welcomeMillis, posted, added);
            assertTrue(Collections.max(added) < 100, "delay added by Nginx, ms: " + added);
            assertTrue(median(measured) < 100, "post to event through Nginx (after 10 to warm up), ms: " + measured);
        }
    }

    @Test
    @Order(5)
    void idleStreamOutlivesNginxReadTimeoutThanksToTheHeartbeat() throws Exception {
        assertTrue(cluster.nginxConf().contains("proxy_read_timeout " + READ_TIMEOUT_SECONDS + "s;"));
        try (SseStream stream = room.open(cluster.nginx(), null)) {
            welcomeNode(stream);
            long opened = System.nanoTime();
            while (millisSince(opened) < TimeUnit.SECONDS.toMillis(READ_TIMEOUT_SECONDS + HEARTBEAT_SECONDS)) {
                assertNotNull(stream.next(SseStream.COMMENT, Duration.ofSeconds(2L * HEARTBEAT_SECONDS)), "a heartbeat every "
                        + HEARTBEAT_SECONDS + " s keeps the idle stream open past Nginx's " + READ_TIMEOUT_SECONDS + " s read timeout");
            }
            cluster.nginxApi().say(room.name(), cluster.nginxApi().token(uniqueName("late")), "still there?");
            assertNotNull(stream.next("message", WAIT), "the stream outlived Nginx's read timeout and still delivers");
        }
    }

    /** Two streams on node1 and one on node2 fill a cap of three: a fourth is refused on either node. */
    @Test
    @Order(6)
    void aUsersStreamsAreCountedAcrossTheNodes() throws Exception {
        cappedToken = cluster.nginxApi().token(uniqueName("capped"));
        for (int node : new int[] {1, 1, 2}) {
            welcomeNode(cappedStreams.add(room.open(cluster.node(node), cappedToken)));
        }
        for (int node = 1; node <= 2; node++) {
            try (SseStream over = SseStream.openAsBrowser(room.events(cluster.node(node), cappedToken), null)) {
                assertEquals(429, over.status(), "a fourth stream, on node" + node);
            }
        }
    }

    @Test
    @Order(7)
    void killedNodesClientsResumeOnTheLiveNodeMissingNothing() throws Exception {
        new NodeKill(cluster, room, Duration.ofSeconds(HEARTBEAT_SECONDS)).run();
    }

    /** node1 died by SIGKILL with two of the capped user's streams: they stop counting, and Redis keeps none of its counts. */
    @Test
    @Order(8)
    void aKilledNodesStreamsStopCountingAndItsCountsAreTakenOut() throws Exception {
        assertNotNull(cappedToken, "the capped user's streams were opened");
        try (Closer closer = new Closer(); RedisClient redis = RedisClient.create(URI.create(cluster.redisUrl()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(HEARTBEAT_SECONDS * 3L).toNanos();
            while (redis.exists(Keys.nodeStreamCounts("node1")) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertFalse(redis.exists(Keys.nodeStreamCounts("node1")), "node1's counts are taken out");
            assertTrue(redis.keys("chat:{*}:streams").stream().noneMatch(key -> redis.hexists(key, "node1")), "no cap counts node1");
            for (int i = 0; i < STREAMS_PER_USER - 1; i++) {
                welcomeNode(closer.add(room.open(cluster.node(2), cappedToken)));
            }
            try (SseStream over = SseStream.openAsBrowser(room.events(cluster.node(2), cappedToken), null)) {
                assertEquals(429, over.status(), "three on node2 fill the cap again");
            }
        }
    }

    static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
