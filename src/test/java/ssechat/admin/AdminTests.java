package ssechat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssechat.admin.StatsReader.delivered;
import static ssechat.admin.StatsReader.published;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/**
 * The admin API black-box: credentials, live figures that follow real streams and messages, the
 * stats feed, moderation and the Prometheus text; the dashboard in a browser comes with {@link DashboardTests}.
 */
public abstract class AdminTests extends StatsHistoryTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChatApi api = ChatServer.api();
    private final AdminApi admin = AdminApi.of(api);
    private final StatsReader stats = new StatsReader(admin);

    @Test
    void refusesRequestsWithoutAdminCredentials() {
        String token = api.token(ChatApi.uniqueName("notadmin"));
        for (String path : List.of("api/admin/stats", "api/admin/stats/stream", "api/admin/metrics")) {
            HttpResponse<String> response = AdminApi.anonymous(api).get(path);
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="), path);
            assertEquals("unauthorized", ChatApi.json(response.body()).getString("error"));
        }
        assertEquals(401, api.delete("api/admin/rooms/lobby/users/someone", token).statusCode(), "a chat session is no admin");
    }

    @Test
    void refusesWrongCredentials() {
        assertEquals(401, AdminApi.with(api, AdminApi.USER, AdminApi.PASSWORD + "x").get("api/admin/stats").statusCode());
        assertEquals(401, AdminApi.with(api, "admin", AdminApi.PASSWORD).get("api/admin/stats").statusCode());
        assertEquals(401, AdminApi.with(api, AdminApi.USER, "").delete("api/admin/rooms/lobby/messages/1-1").statusCode());
        assertEquals(200, admin.get("api/admin/stats").statusCode(), "and a success clears the failures the admin's name counted");
    }

    @Test
    void throttlesWrongPasswordsFromOneAddress() {
        ChatApi guesser = api.from(ChatApi.uniqueAddress());
        List<Integer> statuses = new java.util.ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 30; i++) {
            last = AdminApi.with(guesser, ChatApi.uniqueName("guess"), "wrong-password-" + i).get("api/admin/stats");
            statuses.add(last.statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), "five tries before the throttle");
        assertEquals(List.of(429), statuses.subList(5, 30).stream().distinct().toList(), "then only 429: " + statuses);
        assertThrottled(last);
        assertEquals(200, admin.get("api/admin/stats").statusCode(), "the admin from another address is not held up");
    }

    @Test
    void throttlesWrongPasswordsForOneUserNameFromManyAddresses() {
        String user = ChatApi.uniqueName("victim");
        List<Integer> statuses = new java.util.ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = AdminApi.with(api.from(ChatApi.uniqueAddress()), user, "wrong-password-" + i).get("api/admin/stats");
            statuses.add(last.statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429), statuses);
        assertThrottled(last);
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() {
        ChatApi from = api.from(ChatApi.uniqueAddress());
        AdminApi wrong = AdminApi.with(from, AdminApi.USER, "not-the-password");
        AdminApi right = AdminApi.with(from, AdminApi.USER, AdminApi.PASSWORD);
        assertEquals(200, right.get("api/admin/stats").statusCode(), "other tests' failures for the admin's name cleared");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(401, wrong.get("api/admin/stats").statusCode(), "round " + round + ", try " + i);
            }
            assertEquals(200, right.get("api/admin/stats").statusCode(), "round " + round);
        }
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertEquals(429, response.statusCode());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1, "Retry-After in seconds: " + retryAfter);
        assertEquals("login_throttled", ChatApi.json(response.body()).getString("error"));
        assertFalse(response.body().contains("wrong-password"), "the password is never echoed");
    }

    @Test
    void adminPageLoadsWithoutCredentials() {
        HttpResponse<String> page = api.get("admin/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Content-Security-Policy"), "the page sets a strict CSP");
    }

    @Test
    void figuresFollowStreamsAndMessages() throws Exception {
        String room = ChatApi.uniqueRoom("figures");
        String token = api.token(ChatApi.uniqueName("counted"));
        JsonObject before = stats.fresh();
        try (SseStream stream = api.stream(room, token, null)) {
            assertNotNull(stream.next("welcome", WAIT));
            for (int i = 0; i < 5; i++) {
                api.say(room, token, "figure " + i);
            }
            assertEquals(5, stream.messages(5, WAIT).size());
            JsonObject after = stats.await("5 more messages published and delivered",
                    node -> delivered(node) >= delivered(before) + 5 && published(node) >= published(before) + 5);
            assertEquals(published(before) + 5, published(after));
            assertEquals(delivered(before) + 5, delivered(after));
            assertTrue(after.getJsonObject("messages").getJsonNumber("publishedPerSecond").doubleValue() > 0);
            assertTrue(after.getJsonObject("messages").getJsonNumber("deliveredPerSecond").doubleValue() > 0);
            assertEquals(1, after.getJsonObject("streams").getJsonObject("byRoom").getInt(room));
            assertTrue(after.getJsonObject("streams").getInt("total") >= 1);
            assertTrue(after.getJsonNumber("onlineUsers").longValue() >= 1);
            assertHealthy(after);
        }
        // the server notices a closed client when a heartbeat (2 s in tests) fails to be written
        stats.await("the closed stream gone", node -> !node.getJsonObject("streams").getJsonObject("byRoom").containsKey(room),
                Duration.ofSeconds(15));
    }

    @Test
    void statsStreamSendsTheClusterEverySecond() throws Exception {
        try (SseStream feed = admin.statsStream()) {
            assertEquals(200, feed.status());
            assertTrue(feed.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            SseEvent first = feed.next("stats", WAIT);
            SseEvent second = feed.next("stats", Duration.ofSeconds(3));
            assertNotNull(first, "the current view arrives at once");
            assertNotNull(second, "another view follows within a second or so");
            assertEquals(StatsReader.NODE, first.json().getString("node"));
            assertTrue(second.json().getJsonNumber("at").longValue() > first.json().getJsonNumber("at").longValue());
            assertTrue(second.json().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                    .anyMatch(node -> StatsReader.NODE.equals(node.getString("node"))));
        }
    }

    @Test
    void deletingAMessageSendsDeleteAndRemovesItFromHistory() throws Exception {
        String room = ChatApi.uniqueRoom("moderated");
        String token = api.token(ChatApi.uniqueName("writer"));
        try (SseStream stream = api.stream(room, null, null)) {
            assertNotNull(stream.next("welcome", WAIT));
            JsonObject kept = api.say(room, token, "keep me");
            JsonObject doomed = api.say(room, token, "delete me");
            assertEquals(2, stream.messages(2, WAIT).size());
            String id = doomed.getString("id");
            assertEquals(204, admin.delete("api/admin/rooms/" + room + "/messages/" + id).statusCode());
            SseEvent deleted = stream.next("delete", WAIT);
            assertNotNull(deleted, "every stream of the room hears of the deletion");
            assertEquals(room, deleted.json().getString("room"));
            assertEquals(id, deleted.json().getString("id"));
            assertEquals(List.of(kept.getString("id")), api.history(room, "").getValuesAs(JsonObject.class).stream()
                    .map(message -> message.getString("id")).toList());
            HttpResponse<String> again = admin.delete("api/admin/rooms/" + room + "/messages/" + id);
            assertEquals(404, again.statusCode());
            assertEquals("not_found", ChatApi.json(again.body()).getString("error"));
        }
    }

    @Test
    void disconnectingAUserEndsTheirStreamsWithALeave() throws Exception {
        String room = ChatApi.uniqueRoom("kick");
        String watcherName = ChatApi.uniqueName("watcher");
        String kickedName = ChatApi.uniqueName("kicked");
        try (SseStream watcher = api.stream(room, api.token(watcherName), null);
             SseStream kicked = api.stream(room, api.token(kickedName), null)) {
            assertNotNull(kicked.next("welcome", WAIT));
            assertNotNull(watcher.next(e -> "join".equals(e.name()) && kickedName.equals(e.json().getString("user")), WAIT));
            assertEquals(204, admin.delete("api/admin/rooms/" + room + "/users/" + kickedName).statusCode());
            assertNotNull(watcher.next(e -> "leave".equals(e.name()) && kickedName.equals(e.json().getString("user")), WAIT),
                    "the others see the user leave");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!kicked.ended() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(kicked.ended(), "the server closed the user's stream");
            assertFalse(api.get("api/rooms/" + room + "/users").body().contains(kickedName));
            assertEquals(400, admin.delete("api/admin/rooms/" + room + "/users/no%20spaces").statusCode());
        }
    }

    @Test
    void prometheusTextCarriesTheSameFigures() throws Exception {
        String room = ChatApi.uniqueRoom("scraped");
        String token = api.token(ChatApi.uniqueName("scraped"));
        JsonObject before = stats.fresh();
        try (SseStream stream = api.stream(room, token, null)) {
            for (int i = 0; i < 3; i++) {
                api.say(room, token, "scrape " + i);
            }
            assertEquals(3, stream.messages(3, WAIT).size());
            JsonObject node = stats.await("the 3 messages counted", n -> delivered(n) == delivered(before) + 3
                    && published(n) == published(before) + 3);
            HttpResponse<String> scrape = admin.get("api/admin/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = scrape.body();
            assertEquals(published(node), sample(text, "ssechat_messages_published_total", ""));
            assertEquals(delivered(node), sample(text, "ssechat_messages_delivered_total", ""));
            assertEquals(node.getJsonNumber("droppedStreams").doubleValue(), sample(text, "ssechat_streams_dropped_total", ""));
            assertEquals(1.0, sample(text, "ssechat_room_streams_open", ",room=\"" + room + "\""));
            assertEquals(1.0, sample(text, "ssechat_redis_up", ""));
            assertTrue(sample(text, "ssechat_streams_open", "") >= 1);
            assertTrue(sample(text, "ssechat_heap_used_bytes", "") > 0);
            for (String quantile : List.of("0.5", "0.9", "0.99")) {
                assertTrue(sample(text, "ssechat_delivery_latency_seconds", ",quantile=\"" + quantile + "\"") >= 0);
            }
        }
    }

    /** The value of one series of the Prometheus text, labels in Micrometer's (alphabetical) order. */
    private static double sample(String text, String metric, String moreLabels) {
        Matcher line = Pattern.compile("(?m)^" + metric + "\\{node=\"" + StatsReader.NODE + "\"" + Pattern.quote(moreLabels)
                + "} (\\S+)$").matcher(text);
        assertTrue(line.find(), metric + moreLabels + " is missing from:\n" + text);
        return Double.parseDouble(line.group(1));
    }

    private static void assertHealthy(JsonObject node) {
        JsonObject redis = node.getJsonObject("redis");
        assertEquals("UP", redis.getString("state"));
        assertTrue(redis.getJsonNumber("roundTripMillis").doubleValue() > 0);
        assertTrue(redis.getBoolean("subscribed"));
        JsonObject latency = node.getJsonObject("latencyMillis");
        assertTrue(latency.getInt("p50") <= latency.getInt("p90") && latency.getInt("p90") <= latency.getInt("p99"));
        assertTrue(latency.getInt("p99") < 60_000);
        JsonObject heap = node.getJsonObject("heap");
        assertTrue(heap.getJsonNumber("usedBytes").longValue() > 0);
        assertTrue(node.getJsonNumber("uptimeSeconds").longValue() > 0);
    }
}
