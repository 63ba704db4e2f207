package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.it.ChatApi.uniqueName;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.redis.control.Keys;

/**
 * Two nodes, each subscribed only to the rooms it has streams in (and the control channel): what
 * Redis lists (PUBSUB NUMSUB, NUMPAT) and what each node counts as received
 * ({@code ssechat_redis_pubsub_messages_received_total}) as streams open and close.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoomSubscriptionsIT {

    static final System.Logger LOG = System.getLogger(RoomSubscriptionsIT.class.getName());
    static final Duration LINGER = Duration.ofSeconds(1);
    /** A node sees a client gone when it next writes to it: the heartbeat's ping at the latest. */
    static final int HEARTBEAT_SECONDS = 2;
    static final String ADMIN_PASSWORD = "cluster-admin-password-0123456789";

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of(
            "CHAT_UNSUBSCRIBE_LINGER_MS", String.valueOf(LINGER.toMillis()), "CHAT_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT_SECONDS),
            "CHAT_ADMIN_PASSWORD", ADMIN_PASSWORD));

    static final PubSubFigures figures = new PubSubFigures(cluster, ADMIN_PASSWORD);

    final Room room = Room.unique();

    /** 50 messages in a room with a stream on node2 only: node2 receives them, node1 none; then the room is unsubscribed. */
    @Test
    @Order(1)
    void aNodeWithNoStreamInARoomReceivesNoneOfItsMessages() throws Exception {
        try (Jedis redis = new Jedis(URI.create(cluster.redisUrl()))) {
            Writer writer = Writer.onEach(List.of(cluster.node(2)), room).get(0);
            long node1Before;
            long node2Before;
            try (SseStream stream = room.open(cluster.node(2), null)) {
                assertEquals("node2", welcomeNode(stream));
                assertEquals(1L, subscribers(redis, room), "node2 alone subscribed to the room's channel");
                node1Before = figures.settledReceived(1);
                node2Before = figures.settledReceived(2);
                List<String> ids = writer.postAll("only-node2", 50, Duration.ZERO);
                for (String id : ids) {
                    SseEvent message = stream.next("message", WAIT);
                    assertNotNull(message, "message " + id + " on node2");
                    assertEquals(id, message.id());
                }
                assertEquals(0L, redis.pubsubNumPat(), "no node holds a pattern subscription");
                assertEquals(2L, redis.pubsubNumSub(Keys.CONTROL_CHANNEL).get(Keys.CONTROL_CHANNEL), "both nodes hold the control channel");
            }
            assertTrue(PubSubFigures.waitUntil(() -> figures.settledReceived(2) >= node2Before + 50, Duration.ofSeconds(5)), "node2 counted the 50 messages it received");
            assertEquals(node1Before, figures.settledReceived(1), "node1, with no stream in the room, received none of its messages");
            assertTrue(PubSubFigures.waitUntil(() -> subscribers(redis, room) == 0, LINGER.plusSeconds(2L * HEARTBEAT_SECONDS + 5)),
                    "node2 unsubscribed once its last stream had closed and the linger passed");
            assertTrue(PubSubFigures.waitUntil(() -> figures.figure(2, PubSubFigures.ROOMS) == 0, Duration.ofSeconds(5)), "node2 counts no room channel");
        }
    }

    /** Control traffic still reaches every node: a logout on node2 ends the user's stream on node1. */
    @Test
    @Order(2)
    void aLogoutOnOneNodeEndsTheUsersStreamOnTheOther() throws Exception {
        String token = LocalCluster.api(cluster.node(2)).token(uniqueName("leaver"));
        try (SseStream stream = room.open(cluster.node(1), token)) {
            assertEquals("node1", welcomeNode(stream));
            HttpResponse<String> logout = LocalCluster.api(cluster.node(2)).delete("api/sessions/current", token);
            assertEquals(204, logout.statusCode(), logout.body());
            SseEvent ended = stream.next("ended", WAIT);
            assertNotNull(ended, "the logout on node2 reached the stream on node1");
            assertEquals("logout", ended.json().getString("reason"));
        }
    }

    /**
     * 100 rooms, half with a stream on node1 and half on node2, one message each: each node
     * receives its own rooms' messages only (every node received all 100 with the pattern subscription).
     */
    @Test
    @Order(3)
    void hundredRoomsOverTwoNodesSplitTheMessagesTheyReceive() throws Exception {
        List<URI> nodes = List.of(cluster.node(1), cluster.node(2));
        String token = LocalCluster.api(cluster.nginx()).token(uniqueName("spread"));
        try (Closer closer = new Closer()) {
            List<Room> rooms = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Room each = Room.unique();
                welcomeNode(closer.add(each.open(nodes.get(i % 2), null)));
                rooms.add(each);
            }
            long[] before = {figures.settledReceived(1), figures.settledReceived(2)};
            for (Room each : rooms) {
                LocalCluster.api(cluster.nginx()).say(each.name(), token, "one");
            }
            assertTrue(PubSubFigures.waitUntil(() -> figures.settledReceived(1) >= before[0] + 50 && figures.settledReceived(2) >= before[1] + 50, Duration.ofSeconds(10)),
                    "each node received its own rooms' messages");
            long[] received = {figures.settledReceived(1) - before[0], figures.settledReceived(2) - before[1]};
            LOG.log(System.Logger.Level.INFO, "100 rooms, 50 per node, one message each: node1 received {0}, node2 {1} (each would receive 100 with PSUBSCRIBE chat:room:*)",
                    received[0], received[1]);
            assertEquals(50L, received[0], "node1 received its 50 rooms' messages only");
            assertEquals(50L, received[1], "node2 received its 50 rooms' messages only");
        }
    }

    private static long subscribers(Jedis redis, Room room) {
        return redis.pubsubNumSub(Keys.roomChannel(room.name())).get(Keys.roomChannel(room.name()));
    }
}
