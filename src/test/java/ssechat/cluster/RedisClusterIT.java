package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;
import ssechat.it.StoreWorkout;
import ssechat.redis.control.Keys;
import ssechat.redis.control.LuaScript;
import ssechat.sessions.entity.UserName;

/**
 * The stores on a real Redis Cluster (three primaries, three replicas): every operation works, so
 * no script or command is refused with CROSSSLOT, and rooms spread over all three shards, each
 * room's keys on the one shard that owns its slot (asked of the servers: CLUSTER KEYSLOT, CLUSTER SLOTS).
 */
class RedisClusterIT {

    @RegisterExtension
    static final LocalRedisCluster CLUSTER = new LocalRedisCluster();
    private static RedisClusterClient client;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void everyStoreOperationWorksOnTheCluster() {
        StoreWorkout workout = new StoreWorkout(client(), "node-" + id);
        for (int i = 0; i < 6; i++) {
            String room = "room-" + id + "-" + i;
            workout.rooms(room);
            workout.presence(room);
        }
        workout.sessions("user" + id);
        workout.admin("room-" + id);
        assertEquals("PONG", client().ping(), "the health check's and the figures' PING");
    }

    @Test
    void aScriptWhoseKeysSpanSlotsIsRefused() {
        LuaScript script = LuaScript.of("return 1");
        assertEquals(1L, script.run(client(), List.of(Keys.history("a"), Keys.online("a")), List.of()));
        assertThrows(JedisException.class, () -> script.run(client(), List.of(Keys.history("a"), Keys.history("b")), List.of()),
                "what the workout above would meet with a key out of place");
    }

    @Test
    void roomsSpreadOverAllThreeShardsEachWithAllItsKeysOnOne() {
        StoreWorkout workout = new StoreWorkout(client(), "spread-" + id);
        Map<Long, Integer> owners = slotOwners();
        Set<Integer> shards = new HashSet<>();
        try (Jedis any = CLUSTER.node(CLUSTER.ports().get(0))) {
            for (int i = 0; i < 12; i++) {
                String room = "spread-" + id + "-" + i;
                long slot = any.clusterKeySlot(Keys.history(room));
                for (String key : List.of(Keys.online(room), Keys.edits(room), Keys.roomChannel(room), Keys.roomNodeStreams(room, "n1"),
                        Keys.typing(room, "ann"), Keys.idempotency(room, "ann", "k"))) {
                    assertEquals(slot, any.clusterKeySlot(key), key + " is in the room's slot");
                }
                workout.rooms(room);
                int owner = owners.get(slot);
                try (Jedis primary = CLUSTER.node(owner)) {
                    assertTrue(primary.exists(Keys.history(room)), "the history of " + room + " is on the shard that owns slot " + slot);
                }
                shards.add(owner);
            }
            String claim = UserName.claimForm("alice" + id);
            long userSlot = any.clusterKeySlot(Keys.nameClaim(claim));
            for (String key : List.of(Keys.ban(claim), Keys.revokedSession(claim, "sid"), Keys.userRate(claim, "messages"), Keys.userStreams(claim))) {
                assertEquals(userSlot, any.clusterKeySlot(key), key + " is in the user's slot");
            }
        }
        assertEquals(3, shards.size(), "twelve rooms land on all three primaries: " + shards);
    }

    /** Each slot's primary, by port, as CLUSTER SLOTS reports it. */
    private static Map<Long, Integer> slotOwners() {
        Map<Long, Integer> owners = new HashMap<>();
        try (Jedis any = CLUSTER.node(CLUSTER.ports().get(0))) {
            for (Object range : any.clusterSlots()) {
                List<?> fields = (List<?>) range;
                long from = (Long) fields.get(0);
                long to = (Long) fields.get(1);
                int port = ((Long) ((List<?>) fields.get(2)).get(1)).intValue();
                for (long slot = from; slot <= to; slot++) {
                    owners.put(slot, port);
                }
            }
        }
        assertEquals(16384, owners.size(), "every slot is served");
        return owners;
    }

    private static synchronized RedisClusterClient client() {
        if (client == null) {
            client = CLUSTER.client();
        }
        return client;
    }
}
