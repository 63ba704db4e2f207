package ssechat.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

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
        }
    }

    private static boolean waitUntilEnded(SseStream stream) throws InterruptedException {
        for (int i = 0; i < 50 && !stream.ended(); i++) {
            Thread.sleep(100);
        }
        return stream.ended();
    }
}
