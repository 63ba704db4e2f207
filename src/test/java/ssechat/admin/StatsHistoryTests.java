package ssechat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;
import ssechat.redis.control.Keys;

/**
 * {@code GET /api/admin/stats/history} black-box: a sample every 5 s of the node's figures, with rates
 * and latency over that period only, the minutes asked for, and the samples of a node that has gone.
 */
public abstract class StatsHistoryTests extends OperatorConsoleTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HISTORY_NODES = Keys.STATS_HISTORY_NODES;
    private static final String NODE_HISTORY = Keys.nodeHistory("");

    private final ChatApi api = ChatServer.api();
    private final AdminApi admin = AdminApi.of(api);
    private final StatsReader stats = new StatsReader(admin);

    @Test
    void keepsASampleEveryFiveSecondsWithRatesAndLatencyOfThatPeriod() throws Exception {
        String room = ChatApi.uniqueRoom("history");
        String token = api.token(ChatApi.uniqueName("sampled"));
        long start = System.currentTimeMillis();
        try (SseStream stream = api.stream(room, token, null)) {
            assertNotNull(stream.next("welcome", WAIT));
            for (int i = 0; i < 5; i++) {
                api.say(room, token, "sample " + i);
            }
            assertEquals(5, stream.messages(5, WAIT).size());
            JsonObject busy = awaitSample("a sample of the 5 deliveries", s -> s.getJsonNumber("at").longValue() > start
                    && s.getJsonObject("messages").getJsonNumber("deliveredPerSecond").doubleValue() > 0);
            assertTrue(busy.getJsonObject("messages").getJsonNumber("publishedPerSecond").doubleValue() > 0);
            assertTrue(busy.getInt("streams") >= 1);
            assertTrue(busy.getJsonNumber("onlineUsers").longValue() >= 1);
            assertEquals("UP", busy.getJsonObject("redis").getString("state"));
            assertTrue(busy.getJsonObject("heap").getJsonNumber("usedBytes").longValue() > 0);
            JsonObject latency = busy.getJsonObject("latencyMillis");
            assertTrue(latency.getInt("p99") >= 1, "the deliveries' latency is in the sample: " + busy);
            assertTrue(latency.getInt("p50") <= latency.getInt("p90") && latency.getInt("p90") <= latency.getInt("p99"));
            assertFalse(busy.containsKey("node"), "the node is said once, not in every sample");
        }
        long busyAt = System.currentTimeMillis();
        JsonObject quiet = awaitSample("a sample of a quiet period after it", s -> s.getJsonNumber("at").longValue() > busyAt + 5000);
        assertEquals(0, quiet.getJsonObject("messages").getJsonNumber("deliveredPerSecond").doubleValue(), "a rate of that period: " + quiet);
        assertEquals(0, quiet.getJsonObject("latencyMillis").getInt("p99"), "latency of that period, not since start: " + quiet);
        assertTrue(stats.node().getJsonObject("latencyMillis").getInt("p99") >= 1, "while the stats' latency is since start");

        List<JsonObject> samples = samples(history(15), StatsReader.NODE);
        for (int i = 1; i < samples.size(); i++) {
            long gap = samples.get(i).getJsonNumber("at").longValue() - samples.get(i - 1).getJsonNumber("at").longValue();
            assertTrue(gap >= 4000 && gap <= 6000, "a sample every 5 s: " + gap + " ms between two");
        }
    }

    @Test
    void answersTheMinutesAskedForWithTheSamplesOfGoneNodes() {
        String gone = ChatApi.uniqueName("gone-node");
        long now = System.currentTimeMillis();
        try (RedisClient redis = TestRedis.client()) {
            redis.zadd(NODE_HISTORY + gone, now - 20 * 60_000, sampleJson(now - 20 * 60_000));
            redis.zadd(NODE_HISTORY + gone, now - 10 * 60_000, sampleJson(now - 10 * 60_000));
            redis.zadd(HISTORY_NODES, now - 10 * 60_000, gone);
            redis.pexpire(NODE_HISTORY + gone, 60_000);

            assertEquals(List.of(now - 10 * 60_000), times(samples(history(15), gone)), "the last 15 minutes only");
            assertEquals(List.of(now - 20 * 60_000, now - 10 * 60_000), times(samples(history(30), gone)));
            assertTrue(nodes(history(5)).stream().noneMatch(gone::equals), "a node without samples in the time asked is not listed");
            assertTrue(admin.stats().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                    .noneMatch(n -> gone.equals(n.getString("node"))), "the gone node is no longer live");

            JsonObject answer = history(60);
            assertEquals(StatsReader.NODE, answer.getString("node"));
            assertEquals(60, answer.getInt("minutes"));
            assertEquals(5, answer.getInt("periodSeconds"));
            assertTrue(nodes(answer).contains(StatsReader.NODE));

            long ttl = redis.pttl(NODE_HISTORY + StatsReader.NODE);
            assertTrue(ttl > 59 * 60_000 && ttl <= 60 * 60_000, "the node's samples outlive it for the hour: " + ttl);
            assertTrue(redis.zcard(NODE_HISTORY + StatsReader.NODE) <= 732, "and stay bounded");
        }
    }

    @Test
    void refusesMinutesOutOfRangeAndAnonymousCallers() {
        for (String minutes : List.of("0", "61", "-1", "abc", "1.5", "", "99999999999")) {
            HttpResponse<String> response = admin.get("api/admin/stats/history?minutes=" + minutes);
            assertEquals(400, response.statusCode(), "minutes=" + minutes);
            assertEquals("invalid_minutes", ChatApi.json(response.body()).getString("error"));
            assertFalse(ChatApi.json(response.body()).getString("message").isBlank());
        }
        assertEquals(15, ChatApi.json(admin.get("api/admin/stats/history").body()).getInt("minutes"), "15 unless asked");
        assertEquals(401, AdminApi.anonymous(api).get("api/admin/stats/history").statusCode());
    }

    private JsonObject history(int minutes) {
        HttpResponse<String> response = admin.get("api/admin/stats/history?minutes=" + minutes);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return ChatApi.json(response.body());
    }

    private static List<String> nodes(JsonObject history) {
        return history.getJsonArray("nodes").getValuesAs(JsonObject.class).stream().map(n -> n.getString("node")).toList();
    }

    private static List<JsonObject> samples(JsonObject history, String node) {
        Optional<JsonObject> found = history.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(n -> node.equals(n.getString("node"))).findFirst();
        return found.map(n -> n.getJsonArray("samples").getValuesAs(JsonObject.class)).orElse(List.of());
    }

    private static List<Long> times(List<JsonObject> samples) {
        return samples.stream().map(s -> s.getJsonNumber("at").longValue()).toList();
    }

    private JsonObject awaitSample(String what, Predicate<JsonObject> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> sample = samples(history(1), StatsReader.NODE).stream().filter(wanted).findFirst();
            if (sample.isPresent()) {
                return sample.get();
            }
            Thread.sleep(500);
        }
        return fail("No sample showed " + what + " in: " + samples(history(1), StatsReader.NODE));
    }

    private static String sampleJson(long at) {
        return "{\"at\":" + at + ",\"uptimeSeconds\":60,\"streams\":2,\"onlineUsers\":1,\"messages\":{\"published\":4,\"delivered\":8,"
                + "\"publishedPerSecond\":0.2,\"deliveredPerSecond\":0.4},\"latencyMillis\":{\"p50\":3,\"p90\":5,\"p99\":9},"
                + "\"droppedStreams\":0,\"redis\":{\"state\":\"UP\",\"roundTripMillis\":0.3,\"subscribed\":true},"
                + "\"heap\":{\"usedBytes\":1000,\"maxBytes\":2000}}";
    }
}
