package ssechat.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.TestRedis;
import ssechat.redis.control.LuaScript;

/** keep-sample.lua and samples.lua against a real Redis: bounded, expiring, by node, within the minutes asked for. */
class SampleScriptsTest {

    private static final LuaScript KEEP = LuaScript.load(NodeStatsStore.class, "keep-sample.lua");
    private static final LuaScript SAMPLES = LuaScript.load(NodeStatsStore.class, "samples.lua");
    private final RedisClient redis = TestRedis.client();
    private final String prefix = "test:" + UUID.randomUUID() + ":";
    private final String nodes = prefix + "nodes";

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void keepsAtMostTheNewestSamplesForTheTimeKept() {
        for (int i = 0; i < 10; i++) {
            keep("n1", "{\"at\":" + i + "}", 60_000, 4);
        }
        assertEquals(List.of("{\"at\":6}", "{\"at\":7}", "{\"at\":8}", "{\"at\":9}"), redis.zrange(prefix + "n1", 0, -1));
        long ttl = redis.pttl(prefix + "n1");
        assertTrue(ttl > 55_000 && ttl <= 60_000, "the samples expire with the time kept: " + ttl);
        assertTrue(redis.pttl(nodes) > 55_000, "and so does the list of nodes");
    }

    @Test
    void listsEveryNodeWithRecentSamplesOldestFirst() throws InterruptedException {
        keep("n2", "{\"at\":1}", 60_000, 10);
        keep("n1", "{\"at\":2}", 60_000, 10);
        Thread.sleep(1100);
        keep("n1", "{\"at\":3}", 60_000, 10);
        assertEquals(List.of("n1", List.of("{\"at\":2}", "{\"at\":3}"), "n2", List.of("{\"at\":1}")), samples(60_000));
        assertEquals(List.of("n1", List.of("{\"at\":3}")), samples(1000), "only what is recent enough");
    }

    @Test
    void forgetsWhatIsOlderThanTheTimeKept() throws InterruptedException {
        keep("gone", "{\"at\":1}", 200, 10);
        Thread.sleep(300);
        keep("live", "{\"at\":2}", 200, 10);
        assertEquals(List.of("live", List.of("{\"at\":2}")), samples(60_000));
        assertEquals(0, redis.zcard(prefix + "gone") + (redis.zscore(nodes, "gone") == null ? 0 : 1));
    }

    private void keep(String node, String json, long keptMillis, int most) {
        KEEP.run(redis, List.of(nodes, prefix + node), List.of(node, json, String.valueOf(keptMillis), String.valueOf(most)));
    }

    private List<?> samples(long millis) {
        List<String> ids = redis.zrange(nodes, 0, -1).stream().sorted().toList();
        List<String> keys = new ArrayList<>(List.of(nodes));
        ids.forEach(node -> keys.add(prefix + node));
        List<String> args = new ArrayList<>(List.of(String.valueOf(millis)));
        args.addAll(ids);
        return (List<?>) SAMPLES.run(redis, keys, args);
    }
}
