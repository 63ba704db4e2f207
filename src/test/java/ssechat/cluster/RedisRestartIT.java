package ssechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.cluster.ClusterIT.millisSince;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import ssechat.it.ChatApi;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * The cluster's Redis is stopped (SIGTERM: it writes its append-only file) and started again on
 * the same port. Meanwhile health says DOWN and writes get a clear 503 and are not kept; after it,
 * health is UP again without help, open streams get every message accepted after recovery, a
 * client resuming with Last-Event-ID gets everything accepted before, and history holds exactly
 * the accepted messages.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RedisRestartIT {

    static final System.Logger LOG = System.getLogger(RedisRestartIT.class.getName());
    static final Duration HEALTH_LIMIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(2, Map.of("CHAT_HEARTBEAT_SECONDS", "2", "CHAT_LEAVE_GRACE_MS", "2000",
                "CHAT_REDIS_TIMEOUT_MS", "1000", "CHAT_REDIS_PROBE_SECONDS", "2"));

    final Room room = Room.unique();

    @Test
    void clusterRidesOutARedisRestartLosingNothingAccepted() throws Exception {
        List<URI> nodes = List.of(cluster.node(1), cluster.node(2));
        List<Writer> writers = Writer.onEach(nodes, room);
        try (Closer closer = new Closer()) {
            List<SseStream> open = room.openOnEach(nodes, closer);
            List<String> before = postAlternately(writers, "before", 10);

            long outage = System.nanoTime();
            cluster.redis("stop", "redis");
            List<Long> downMillis = new ArrayList<>();
            for (URI node : nodes) {
                downMillis.add(Health.await(node, 503, HEALTH_LIMIT));
            }
            List<String> refused = refusedWrites(writers, 6);

            cluster.redis("start", "redis");
            long restarted = System.nanoTime();
            long outageMillis = millisSince(outage);
            List<Long> upMillis = new ArrayList<>();
            for (URI node : nodes) {
                upMillis.add(Health.await(node, 200, HEALTH_LIMIT));
            }
            long firstAcceptedMillis = millisSince(restarted);
            List<String> after = postAlternately(writers, "after", 10);

            List<String> accepted = new ArrayList<>(before);
            accepted.addAll(after);
            for (SseStream stream : open) {
                assertEquals(accepted, messageIds(stream, accepted.size()),
                        "a stream open across the outage gets every accepted message once, in order, and nothing else");
            }
            assertResumeGetsEverythingAfter(before.get(0), accepted.subList(1, accepted.size()));
            assertHistoryIsExactly(accepted, refused);
            LOG.log(System.Logger.Level.INFO, "Redis stopped for {0} ms: health DOWN after {1} ms, UP {2} ms after restart "
                    + "(per node); writes during the outage: {3} x 503, none kept; accepted {4}, lost 0; "
                    + "bridge resubscribed and first health UP within {5} ms", outageMillis, downMillis, upMillis,
                    refused.size(), accepted.size(), firstAcceptedMillis);
        }
    }

    private static List<String> postAlternately(List<Writer> writers, String prefix, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(writers.get(i % writers.size()).post(prefix + " " + i, prefix + "-" + i, Duration.ofSeconds(10)));
        }
        return ids;
    }

    /** Posts while Redis is down: each answer must be a prompt 503 with the contract's JSON. */
    private static List<String> refusedWrites(List<Writer> writers, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "during outage " + i;
            long sent = System.nanoTime();
            HttpResponse<String> response = writers.get(i % writers.size()).postOnce(text, "outage-" + i);
            long millis = millisSince(sent);
            assertEquals(503, response.statusCode(), "a write while Redis is down: " + response.body());
            JsonObject error = ChatApi.json(response.body());
            assertEquals("unavailable", error.getString("error"), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(millis < 5000, "the 503 comes promptly, not after a long hang: " + millis + " ms");
            texts.add(text);
        }
        return texts;
    }

    private static List<String> messageIds(SseStream stream, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            SseEvent event = stream.next(e -> e.name().equals("message") || e.name().equals(SseStream.END), Duration.ofSeconds(10));
            if (event == null || event.name().equals(SseStream.END)) {
                break;
            }
            ids.add(event.id());
        }
        return ids;
    }

    private void assertResumeGetsEverythingAfter(String lastEventId, List<String> expected) throws Exception {
        try (SseStream resumed = SseStream.openAsBrowser(room.events(cluster.nginx(), null), lastEventId)) {
            assertEquals(200, resumed.status());
            assertNotNull(resumed.next("welcome", Room.WAIT));
            assertEquals(expected, messageIds(resumed, expected.size()),
                    "a client resuming with Last-Event-ID gets every message accepted before and after the outage");
        }
    }

    private void assertHistoryIsExactly(List<String> acceptedIds, List<String> refusedTexts) throws Exception {
        List<JsonObject> history = LocalCluster.api(cluster.nginx()).history(room.name(), "?count=200").getValuesAs(JsonObject.class);
        assertEquals(acceptedIds, history.stream().map(m -> m.getString("id")).toList(), "history holds every accepted message");
        List<String> texts = history.stream().map(m -> m.getString("text")).toList();
        assertTrue(refusedTexts.stream().noneMatch(texts::contains), "no message that got a 503 is in history: " + texts);
    }
}
