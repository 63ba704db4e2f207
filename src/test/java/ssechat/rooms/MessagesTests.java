package ssechat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/** Posting and reading messages: every status of the contract, and text delivered exactly. */
public abstract class MessagesTests {

    private final ChatApi api = ChatServer.api();
    private final String room = ChatApi.uniqueRoom("messages");
    private final String author = ChatApi.uniqueName("writer");
    private final String token = api.token(author);

    @Test
    void postAnswers201WithLocationAndTheMessage() {
        HttpResponse<String> response = api.post(room, token, "hello");
        assertEquals(201, response.statusCode());
        JsonObject message = ChatApi.json(response.body());
        assertEquals(room, message.getString("room"));
        assertEquals(author, message.getString("user"));
        assertEquals("hello", message.getString("text"));
        assertTrue(message.getJsonNumber("ts").longValue() > 0);
        URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
        assertEquals(api.uri("api/rooms/" + room + "/messages/" + message.getString("id")), location);
        assertEquals(response.body(), api.get("api/rooms/" + room + "/messages/" + message.getString("id")).body());
    }

    @Test
    void writesWithoutAValidTokenAre401() {
        String[] parts = token.split("\\.");
        String otherName = Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes(StandardCharsets.UTF_8));
        String alteredName = otherName + "." + parts[1] + "." + parts[2] + "." + parts[3];
        String forgedSignature = parts[0] + "." + parts[1] + "." + parts[2] + "." + "A".repeat(parts[3].length());
        assertError(401, "unauthorized", api.post(room, null, "{\"text\":\"x\"}", Map.of()));
        assertError(401, "unauthorized", api.post(room, alteredName, "x"));
        assertError(401, "unauthorized", api.post(room, forgedSignature, "x"));
        assertError(401, "unauthorized", api.post(room, "not-a-token", "x"));
    }

    @Test
    void malformedOrInvalidBodiesAre400() {
        for (String body : List.of("{\"text\":", "[]", "{}", "{\"text\":5}", "{\"text\":null}", "{\"text\":\"\"}",
                "{\"text\":\" \\n\\t \"}", "{\"text\":\"a\\u0000b\"}", "{\"text\":\"\\ud800\"}")) {
            HttpResponse<String> response = api.post(room, token, body, Map.of());
            assertEquals(400, response.statusCode(), () -> "body " + body + " gave " + response.body());
            assertNotNull(ChatApi.json(response.body()).getString("error"));
        }
    }

    @Test
    void textIsLimitedTo2000CodePoints() {
        String emoji = "😀";
        assertEquals(201, api.post(room, token, emoji.repeat(2000)).statusCode(), "2000 code points (4000 UTF-16 units)");
        assertError(400, "text_too_long", api.post(room, token, "a".repeat(2001)));
    }

    @Test
    void bodiesOver16KiBAre413() {
        String body = "{\"text\":\"" + "x".repeat(16 * 1024) + "\"}";
        assertError(413, "too_large", api.post(room, token, body, Map.of()));
    }

    @Test
    void bodiesThatAreNotJsonAre415() {
        assertError(415, "unsupported_media_type", api.post(room, token, "{\"text\":\"x\"}", Map.of("Content-Type", "text/plain")));
    }

    @Test
    void badRoomNamesAre400() {
        assertError(400, "invalid_room", api.post("Bad_Room", token, "x"));
        assertError(400, "invalid_room", api.get("api/rooms/-dash/messages"));
    }

    @Test
    void aUserOverTheRateLimitGets429WithRetryAfter() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 21; i++) {
            last = api.post(room, token, "burst " + i);
        }
        assertError(429, "rate_limited", last);
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After within the 10 s window: " + retryAfter);
    }

    @Test
    void aClientAddressOverTheRateLimitGets429() {
        ChatApi oneAddress = api.from("198.51.100." + (1 + (int) (System.nanoTime() % 250)));
        int accepted = 0;
        HttpResponse<String> response = null;
        for (int user = 0; user < 4 && (response == null || response.statusCode() != 429); user++) {
            String userToken = oneAddress.token(ChatApi.uniqueName("same_ip"));
            for (int i = 0; i < 20; i++) {
                response = oneAddress.post(room, userToken, "from one address " + i);
                if (response.statusCode() != 201) {
                    break;
                }
                accepted++;
            }
        }
        assertError(429, "rate_limited", response);
        assertEquals(60, accepted, "the per-address limit in tests is 60 per window");
    }

    @Test
    void anIdempotencyKeyMakesARetrySafe() {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + System.nanoTime());
        HttpResponse<String> first = api.post(room, token, "{\"text\":\"once\"}", key);
        HttpResponse<String> again = api.post(room, token, "{\"text\":\"once\"}", key);
        assertEquals(201, first.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals(1, api.history(room, "?count=200").stream().filter(m -> m.asJsonObject().getString("text").equals("once")).count());
        String otherToken = api.token(ChatApi.uniqueName("other"));
        assertEquals(201, api.post(room, otherToken, "{\"text\":\"once\"}", key).statusCode(), "keys are per user");
        assertError(400, "invalid_idempotency_key", api.post(room, token, "{\"text\":\"x\"}", Map.of("Idempotency-Key", "has space")));
    }

    @Test
    void historyPagesBackwardsOldestFirst() {
        String[] ids = new String[7];
        for (int i = 0; i < 7; i++) {
            ids[i] = api.say(room, api.token(ChatApi.uniqueName("pager")), "page " + i).getString("id");
        }
        JsonArray newest = api.history(room, "?count=3");
        assertEquals(List.of("page 4", "page 5", "page 6"), texts(newest));
        JsonArray older = api.history(room, "?count=3&before=" + ids[4]);
        assertEquals(List.of("page 1", "page 2", "page 3"), texts(older));
        assertEquals(List.of("page 0"), texts(api.history(room, "?count=3&before=" + ids[1])));
        assertError(400, "invalid_count", api.get("api/rooms/" + room + "/messages?count=0"));
        assertError(400, "invalid_count", api.get("api/rooms/" + room + "/messages?count=201"));
        assertError(400, "invalid_before", api.get("api/rooms/" + room + "/messages?before=abc"));
    }

    @Test
    void textIsDeliveredByteExactAndCannotForgeEvents() throws Exception {
        List<String> texts = List.of("你好，世界", "emoji 👩‍💻🎉", "\n\ndata: x\n\n", "id: 1\r\nevent: reset\r\n\r\n",
                "a\rb", "<script>alert(1)</script><img src=x onerror=alert(1)>", "  spaced  ", "quote \" backslash \\ end",
                "line\u2028separator", ": comment?");
        try (SseStream stream = api.stream(room, null, null)) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            for (String text : texts) {
                api.say(room, token, text);
            }
            List<SseEvent> received = stream.messages(texts.size(), Duration.ofSeconds(10));
            assertEquals(texts, received.stream().map(event -> event.json().getString("text")).toList());
            assertEquals(texts, texts(api.history(room, "?count=" + texts.size())));
            String raw = new String(stream.rawBytes(), StandardCharsets.UTF_8);
            for (String line : raw.split("\r\n|\r|\n")) {
                assertTrue(line.isEmpty() || line.startsWith("data: {") || line.startsWith("event: ")
                        || line.startsWith("id: ") || line.startsWith("retry: ") || line.equals(": ping"),
                        () -> "unexpected line on the wire: " + line);
            }
            assertFalse(List.of(raw.split("\r\n|\r|\n")).contains("event: reset"), "no forged reset event");
        }
    }

    @Test
    void typingIsForwardedAtMostEveryTwoSeconds() throws Exception {
        try (SseStream watcher = api.stream(room, null, null)) {
            assertNotNull(watcher.next("welcome", Duration.ofSeconds(5)));
            for (int i = 0; i < 5; i++) {
                assertEquals(204, api.typing(room, token).statusCode());
            }
            SseEvent typing = watcher.next("typing", Duration.ofSeconds(5));
            assertNotNull(typing);
            assertEquals(author, typing.json().getString("user"));
            assertEquals(null, watcher.next("typing", Duration.ofMillis(1200)), "one typing event per two seconds");
        }
        assertEquals(401, api.typing(room, "bad.token.x.y").statusCode());
    }

    @Test
    void theRoomDirectoryListsRoomsMostRecentlyActiveFirst() throws Exception {
        String quiet = ChatApi.uniqueRoom("quiet");
        String empty = ChatApi.uniqueRoom("empty");
        String first = api.say(room, token, "first").getString("id");
        try (SseStream someone = api.stream(quiet, api.token(ChatApi.uniqueName("reader")), null);
             SseStream anonymous = api.stream(empty, null, null)) {
            assertNotNull(someone.next("welcome", Duration.ofSeconds(5)));
            assertNotNull(anonymous.next("welcome", Duration.ofSeconds(5)));
            JsonArray rooms = ChatApi.jsonArray(api.get("api/rooms?count=200").body());
            List<String> names = rooms.stream().map(r -> r.asJsonObject().getString("room")).toList();
            assertTrue(names.indexOf(quiet) >= 0 && names.indexOf(quiet) < names.indexOf(room), "joined last, listed first: " + names);
            assertFalse(names.contains(empty), "nobody signed in is online and nothing was posted");
            JsonObject quietRoom = rooms.getJsonObject(names.indexOf(quiet));
            assertEquals(1, quietRoom.getInt("online"));
            assertTrue(quietRoom.isNull("lastMessage"), quietRoom::toString);
            JsonObject posted = rooms.getJsonObject(names.indexOf(room));
            assertEquals(0, posted.getInt("online"));
            assertEquals(first, posted.getJsonObject("lastMessage").getString("id"));
            assertEquals(Long.parseLong(first.split("-")[0]), posted.getJsonObject("lastMessage").getJsonNumber("ts").longValue());
        }
        String second = api.say(room, token, "second").getString("id");
        JsonObject newest = ChatApi.jsonArray(api.get("api/rooms?count=1").body()).getJsonObject(0);
        assertEquals(room, newest.getString("room"), "a post moves the room to the top");
        assertEquals(second, newest.getJsonObject("lastMessage").getString("id"));
        assertEquals(204, api.delete("api/rooms/" + room + "/messages/" + first, token).statusCode());
        assertEquals(204, api.delete("api/rooms/" + room + "/messages/" + second, token).statusCode());
        assertFalse(api.get("api/rooms?count=200").body().contains("\"" + room + "\""), "no history and nobody online: gone");
        for (String count : List.of("0", "201", "x", "")) {
            assertError(400, "invalid_count", api.get("api/rooms?count=" + count));
        }
    }

    @Test
    void anAuthorEditsTheirMessageEverywhereItIsRead() throws Exception {
        JsonObject posted = api.say(room, token, "helo");
        String id = posted.getString("id");
        try (SseStream stream = api.stream(room, null, null)) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            HttpResponse<String> response = api.edit(room, id, token, "hello <b>again</b>");
            assertEquals(200, response.statusCode(), response::body);
            JsonObject edited = ChatApi.json(response.body());
            assertEquals(List.of("id", "room", "user", "text", "ts", "editedTs"), List.copyOf(edited.keySet()));
            assertEquals(id, edited.getString("id"));
            assertEquals(author, edited.getString("user"));
            assertEquals("hello <b>again</b>", edited.getString("text"));
            assertEquals(posted.getJsonNumber("ts"), edited.getJsonNumber("ts"));
            assertTrue(edited.getJsonNumber("editedTs").longValue() >= posted.getJsonNumber("ts").longValue());
            SseEvent event = stream.next("edit", Duration.ofSeconds(5));
            assertNotNull(event, "an edit event");
            assertEquals(response.body(), event.data(), "the event carries the same JSON");
            assertEquals(null, event.id(), "no id field: it is not a new message");
            assertEquals(response.body(), api.get("api/rooms/" + room + "/messages/" + id).body());
            assertEquals(response.body(), api.history(room, "?count=5").getJsonObject(0).toString());
        }
        try (SseStream replay = api.stream(room, null, "0-1")) {
            SseEvent replayed = replay.next("message", Duration.ofSeconds(5));
            assertEquals("hello <b>again</b>", replayed.json().getString("text"), "replay reads the current text");
            assertTrue(replayed.json().containsKey("editedTs"));
        }
    }

    @Test
    void onlyTheAuthorMayEditOrDeleteAndEditsFollowThePostRules() {
        String id = api.say(room, token, "mine").getString("id");
        String other = api.token(ChatApi.uniqueName("other"));
        assertError(403, "not_author", api.edit(room, id, other, "theirs"));
        assertError(403, "not_author", api.delete("api/rooms/" + room + "/messages/" + id, other));
        assertError(404, "not_found", api.edit(room, "1-1", token, "none"));
        assertError(404, "not_found", api.edit(room, "abc", token, "none"));
        assertError(404, "not_found", api.delete("api/rooms/" + room + "/messages/1-1", token));
        assertError(400, "invalid_text", api.edit(room, id, token, "  "));
        assertError(400, "text_too_long", api.edit(room, id, token, "a".repeat(2001)));
        assertError(401, "unauthorized", api.edit(room, id, "not-a-token", "x"));
        assertEquals("mine", api.history(room, "?count=5").getJsonObject(0).getString("text"));
    }

    @Test
    void aDeletedMessageIsGoneFromHistoryReplayAndLookup() throws Exception {
        String kept = api.say(room, token, "kept").getString("id");
        String id = api.say(room, token, "regret").getString("id");
        try (SseStream stream = api.stream(room, null, null)) {
            assertNotNull(stream.next("welcome", Duration.ofSeconds(5)));
            assertEquals(204, api.delete("api/rooms/" + room + "/messages/" + id, token).statusCode());
            SseEvent event = stream.next("delete", Duration.ofSeconds(5));
            assertEquals("{\"room\":\"" + room + "\",\"id\":\"" + id + "\"}", event.data());
        }
        assertEquals(404, api.get("api/rooms/" + room + "/messages/" + id).statusCode());
        assertEquals(List.of("kept"), texts(api.history(room, "?count=5")));
        try (SseStream replay = api.stream(room, null, "0-1")) {
            assertEquals(kept, replay.next("message", Duration.ofSeconds(5)).id());
            assertEquals(null, replay.next("message", Duration.ofMillis(500)));
        }
    }

    private static List<String> texts(JsonArray messages) {
        return messages.stream().map(m -> m.asJsonObject().getString("text")).toList();
    }

    private static void assertError(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON error");
        assertEquals(code, ChatApi.json(response.body()).getString("error"));
    }
}
