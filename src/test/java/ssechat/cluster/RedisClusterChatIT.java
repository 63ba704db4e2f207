package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.Room.WAIT;
import static ssechat.cluster.Room.welcomeNode;
import static ssechat.it.ChatApi.uniqueName;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.redis.control.Keys;

/**
 * Two sse-chat nodes on a Redis Cluster of three shards (REDIS_CLUSTER_NODES), Nginx in front:
 * posts in rooms on every shard reach streams on both nodes, in order, and history, presence and
 * logout work as on one Redis. Room channels are sharded pub/sub (SPUBLISH, SSUBSCRIBE on the owning
 * shard: {@link ShardedPubSubIT}); logout travels on the classic control channel.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterChatIT {

    @RegisterExtension
    @Order(1)
    static final LocalRedisCluster REDIS = new LocalRedisCluster();
    @RegisterExtension
    @Order(2)
    static final LocalCluster CHAT = LocalCluster.of(2, Map.of("REDIS_CLUSTER_NODES", REDIS.seeds(), "CHAT_HEARTBEAT_SECONDS", "2"));

    @Test
    void messagesInRoomsOnEveryShardReachStreamsOnBothNodesInOrder() throws Exception {
        ChatApi node1 = LocalCluster.api(CHAT.node(1));
        String token = node1.token(uniqueName("poster"));
        Set<Long> slots = new HashSet<>();
        try (Closer closer = new Closer(); Jedis any = REDIS.node(REDIS.ports().get(0))) {
            for (int r = 0; r < 6; r++) {
                Room room = Room.unique();
                slots.add(any.clusterKeySlot(Keys.history(room.name())));
                SseStream onNode2 = closer.add(room.open(CHAT.node(2), null));
                SseStream onNode1 = closer.add(room.open(CHAT.node(1), null));
                assertEquals("node2", welcomeNode(onNode2));
                assertEquals("node1", welcomeNode(onNode1));
                List<String> ids = List.of(node1.say(room.name(), token, "one").getString("id"),
                        node1.say(room.name(), token, "two").getString("id"));
                for (SseStream stream : List.of(onNode1, onNode2)) {
                    for (String id : ids) {
                        SseEvent message = stream.next("message", WAIT);
                        assertNotNull(message, "a message of " + room.name() + " reaches both nodes");
                        assertEquals(id, message.id());
                    }
                }
                assertEquals(2, LocalCluster.api(CHAT.node(2)).history(room.name(), "").size(), "history through node2");
            }
        }
        assertTrue(slots.size() == 6, "six rooms, six slots: " + slots);
    }

    @Test
    void presenceAndLogoutWorkAcrossNodes() throws Exception {
        Room room = Room.unique();
        ChatApi nginx = CHAT.nginxApi();
        String ann = uniqueName("ann");
        String annToken = nginx.token(ann);
        try (Closer closer = new Closer()) {
            SseStream annStream = closer.add(room.open(CHAT.node(1), annToken));
            welcomeNode(annStream);
            for (URI node : List.of(CHAT.node(1), CHAT.node(2))) {
                assertEquals(List.of(ann), room.online(node), "online through " + node);
            }
            assertEquals(204, LocalCluster.api(CHAT.node(2)).delete("api/sessions/current", annToken).statusCode(), "logout on node2");
            assertNotNull(annStream.next("ended", WAIT), "ends ann's stream on node1");
            assertEquals(401, nginx.post(room.name(), annToken, "after logout").statusCode());
        }
    }
}
