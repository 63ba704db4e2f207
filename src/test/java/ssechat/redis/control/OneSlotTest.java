package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.util.JedisClusterCRC16;
import ssechat.it.StoreWorkout;
import ssechat.it.TestRedis;

/**
 * Every store's operations, run against the test Redis through a client that checks each command
 * before sending it: the keys of one command (a script's KEYS, a multi-key command's keys) must
 * hash to one slot, as Redis Cluster demands. Catches a script or a command that would fail with
 * CROSSSLOT on a cluster without starting one.
 */
class OneSlotTest {

    private final List<String> spanning = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private final RedisClient plain = TestRedis.client();
    private final UnifiedJedis redis = RedisClient.builder().hostAndPort("127.0.0.1", TestRedis.port())
            .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).build()).commandExecutor(new SlotCheck()).build();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String room = "slot-" + id;
    private final String node = "node-" + id;
    private final StoreWorkout workout = new StoreWorkout(redis, node);

    @AfterEach
    void close() {
        plain.zrem(Keys.NODES, node);
        redis.close();
        plain.close();
    }

    @Test
    void aCommandWhoseKeysSpanSlotsIsCaught() {
        redis.del("chat:{a}:x", "chat:{b}:x");
        LuaScript script = LuaScript.of("return 0 -- " + id);
        script.run(redis, List.of("chat:{a}:x", "chat:{b}:x"), List.of());
        script.run(redis, List.of("chat:{a}:x", "chat:{a}:y"), List.of());
        assertEquals(List.of("DEL [chat:{a}:x, chat:{b}:x]", "EVALSHA [chat:{a}:x, chat:{b}:x]", "EVAL [chat:{a}:x, chat:{b}:x]"), spanning,
                "the check itself works, for commands and for scripts (EVAL: the script was new to Redis)");
    }

    @Test
    void roomOperationsStayInTheRoomsSlot() {
        workout.rooms(room);
        assertNothingSpans(12);
    }

    @Test
    void presenceAndStreamCapsStayInOneSlotPerCommand() {
        workout.presence(room);
        assertNothingSpans(12);
    }

    @Test
    void sessionOperationsStayInTheUsersSlot() {
        workout.sessions("user" + id);
        assertNothingSpans(8);
    }

    @Test
    void adminAndNodeFiguresStayInOneSlotPerCommand() {
        workout.admin(room);
        assertNothingSpans(10);
    }

    private void assertNothingSpans(int atLeast) {
        assertEquals(List.of(), spanning, "commands whose keys span slots");
        assertTrue(checked.size() >= atLeast, "the operations ran: " + checked);
    }

    /** Runs each command on the plain client after noting whether its keys hash to more than one slot. */
    private final class SlotCheck implements CommandExecutor {

        @Override
        public <T> T executeCommand(CommandObject<T> command) {
            List<Object> keys = command.getArguments().getKeys();
            Set<Integer> slots = keys.stream().map(OneSlotTest::slot).collect(Collectors.toSet());
            String line = command.getArguments().getCommand() + " " + keys.stream().map(OneSlotTest::text).toList();
            checked.add(line);
            if (slots.size() > 1) {
                spanning.add(line);
            }
            return plain.executeCommand(command);
        }

        @Override
        public void close() {
        }
    }

    private static int slot(Object key) {
        return JedisClusterCRC16.getSlot(text(key));
    }

    private static String text(Object key) {
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (key instanceof Rawable raw) {
            return new String(raw.getRaw(), StandardCharsets.UTF_8);
        }
        return String.valueOf(key);
    }
}
