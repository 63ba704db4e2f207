package ssechat.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;
import ssechat.it.TestRedis;

/** {@code POST /api/sessions} and {@code DELETE /api/sessions/current}. */
public abstract class SessionsTests {

    private final ChatApi api = ChatServer.api();

    @Test
    void createsASessionWithASignedTokenAndExpiry() {
        String name = ChatApi.uniqueName("alice");
        HttpResponse<String> response = api.createSession("{\"name\":\"" + name + "\"}");
        assertEquals(201, response.statusCode());
        JsonObject session = ChatApi.json(response.body());
        assertEquals(name, session.getString("name"));
        assertTrue(session.getString("token").length() > 40);
        assertTrue(Instant.parse(session.getString("expiresAt")).isAfter(Instant.now()));
    }

    @Test
    void acceptsChineseNames() {
        String name = "张三" + System.nanoTime() % 100000;
        assertEquals(201, api.createSession("{\"name\":\"" + name + "\"}").statusCode());
    }

    @Test
    void rejectsInvalidNamesWith400() {
        for (String name : new String[] {"", "two words", "a".repeat(33), "tab\tname", "<b>x</b>", "名字\u0000"}) {
            HttpResponse<String> response = api.createSession("{\"name\":" + ChatApi.quote(name) + "}");
            assertEquals(400, response.statusCode(), () -> "name " + name);
            assertEquals("invalid_name", ChatApi.json(response.body()).getString("error"));
        }
    }

    @Test
    void rejectsANameHeldByAnotherLiveSessionWith409() {
        String name = ChatApi.uniqueName("Bob");
        api.token(name);
        HttpResponse<String> same = api.createSession("{\"name\":\"" + name + "\"}");
        HttpResponse<String> otherCase = api.createSession("{\"name\":\"" + name.toLowerCase() + "\"}");
        assertEquals(409, same.statusCode());
        assertEquals("name_taken", ChatApi.json(same.body()).getString("error"));
        assertEquals(409, otherCase.statusCode(), "names differing only in case cannot both be held");
    }

    @Test
    void rejectsBodiesThatAreNotAnObjectWithAStringName() {
        for (String body : new String[] {"{", "[]", "\"alice\"", "{\"name\":5}", "{}", "{\"name\":null}"}) {
            HttpResponse<String> response = api.createSession(body);
            assertEquals(400, response.statusCode(), () -> "body " + body);
            assertNotNull(ChatApi.json(response.body()).getString("message"));
        }
    }

    @Test
    void logoutRevokesTheTokenAndFreesTheName() {
        String name = ChatApi.uniqueName("carol");
        String token = api.token(name);
        assertEquals(204, api.delete("api/sessions/current", token).statusCode());
        HttpResponse<String> post = api.post("lobby", token, "still here?");
        assertEquals(401, post.statusCode());
        assertEquals(201, api.createSession("{\"name\":\"" + name + "\"}").statusCode(), "the name is free again");
    }

    @Test
    void logoutClosesTheUsersStreamsWithALeaveAtOnce() throws Exception {
        String room = ChatApi.uniqueRoom("logout");
        String leaver = ChatApi.uniqueName("dave");
        String token = api.token(leaver);
        try (SseStream watcher = api.stream(room, api.token(ChatApi.uniqueName("eve")), null);
             SseStream first = api.stream(room, token, null);
             SseStream second = api.stream("lobby", token, null)) {
            assertNotNull(watcher.next(event -> event.name().equals("join") && event.json().getString("user").equals(leaver),
                    Duration.ofSeconds(5)));
            assertNotNull(second.next("welcome", Duration.ofSeconds(5)));
            long start = System.nanoTime();
            api.delete("api/sessions/current", token);
            SseEvent leave = watcher.next("leave", Duration.ofSeconds(5));
            assertNotNull(leave, "a leave event after logout");
            assertEquals(leaver, leave.json().getString("user"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500, "no grace period (2 s in tests) on logout");
            assertTrue(waitUntilEnded(first) && waitUntilEnded(second), "the user's streams are closed");
            for (SseStream stream : new SseStream[] {first, second}) {
                SseEvent ended = stream.next("ended", Duration.ofSeconds(1));
                assertNotNull(ended, "each stream is told why it ends");
                assertEquals(stream == first ? room : "lobby", ended.json().getString("room"));
                assertEquals(null, ended.id(), "ended has no id field");
                assertEquals("logout", ended.json().getString("reason"));
                assertTrue(ended.json().isNull("until"));
                assertEquals(SseStream.END, stream.next(Duration.ofSeconds(1)).name(), "nothing follows ended");
            }
        }
    }

    @Test
    void aLoggedOutTokenCannotEndTheNextHoldersSession() throws Exception {
        String name = ChatApi.uniqueName("frank");
        String old = api.token(name);
        assertEquals(204, api.delete("api/sessions/current", old).statusCode());
        String current = api.token(name);
        try (SseStream stream = api.stream("lobby", current, null)) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            HttpResponse<String> replay = api.delete("api/sessions/current", old);
            assertEquals(401, replay.statusCode(), "a token speaks only for the session it was issued to");
            assertEquals("unauthorized", ChatApi.json(replay.body()).getString("error"));
            Thread.sleep(1000);
            assertFalse(stream.ended(), "the name's new holder keeps their stream");
            assertEquals(201, api.post("lobby", current, "still mine").statusCode());
        }
    }

    @Test
    void aTokenReclaimsItsNameAfterRedisLostItsData() {
        String name = ChatApi.uniqueName("grace");
        String token = api.token(name);
        flushRedis();
        assertEquals(201, api.post("lobby", token, "back after the data loss").statusCode());
        HttpResponse<String> other = api.createSession("{\"name\":\"" + name + "\"}");
        assertEquals(409, other.statusCode(), "the token's first use claimed the name again");
        assertEquals("name_taken", ChatApi.json(other.body()).getString("error"));
    }

    @Test
    void aStreamReclaimsItsNameAfterRedisLostItsData() throws Exception {
        String name = ChatApi.uniqueName("heidi");
        String token = api.token(name);
        flushRedis();
        try (SseStream stream = api.stream("lobby", token, null)) {
            SseEvent welcome = stream.next("welcome", Duration.ofSeconds(5));
            assertNotNull(welcome);
            assertEquals(name, welcome.json().getString("user"));
            assertEquals(409, api.createSession("{\"name\":\"" + name + "\"}").statusCode());
        }
    }

    @Test
    void aTokenWhoseNameWasTakenAfterADataLossGets409() {
        String name = ChatApi.uniqueName("ivan");
        String first = api.token(name);
        flushRedis();
        String second = api.token(name);
        HttpResponse<String> post = api.post("lobby", first, "is it still mine?");
        assertEquals(409, post.statusCode());
        assertEquals("name_taken", ChatApi.json(post.body()).getString("error"));
        assertEquals(201, api.post("lobby", second, "it is mine now").statusCode());
    }

    @Test
    void refusesANameThatLooksLikeALiveOne() {
        String name = ChatApi.uniqueName("bob");
        api.token(name);
        for (String lookalike : new String[] {name.replace('o', '\u043e'), name.toUpperCase().replace('O', '0')}) {
            HttpResponse<String> response = api.createSession("{\"name\":" + ChatApi.quote(lookalike) + "}");
            assertEquals(409, response.statusCode(), () -> "name " + lookalike);
            assertEquals("name_taken", ChatApi.json(response.body()).getString("error"));
        }
    }

    @Test
    void refusesReservedNamesAndTheirLookalikes() {
        // it-admin is the test server's CHAT_ADMIN_USER; the others are in the default list
        for (String name : new String[] {"admin", "\u0430dmin", "ADMIN", "\uff21dmin", "system", "moderator",
                "it-admin", "\u0456t-admin"}) {
            HttpResponse<String> response = api.createSession("{\"name\":" + ChatApi.quote(name) + "}");
            assertEquals(409, response.statusCode(), () -> "name " + name);
            assertEquals("name_reserved", ChatApi.json(response.body()).getString("error"));
        }
    }

    /** What a Redis that restarts without its data leaves: nothing. */
    private static void flushRedis() {
        try (RedisClient redis = TestRedis.client()) {
            redis.flushAll();
        }
    }

    private static boolean waitUntilEnded(SseStream stream) throws InterruptedException {
        for (int i = 0; i < 50 && !stream.ended(); i++) {
            Thread.sleep(100);
        }
        return stream.ended();
    }
}
