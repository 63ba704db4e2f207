package ssechat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import ssechat.it.ChatApi;
import ssechat.it.ChatServer;
import ssechat.it.SseEvent;
import ssechat.it.SseStream;

/** Being removed ({@code ended}), bans and the audit log (contract v1.1), black-box against the node. */
public abstract class ModerationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChatApi api = ChatServer.api();
    private final AdminApi admin = AdminApi.of(api);

    @Test
    void aKickedStreamIsToldWhyBeforeItCloses() throws Exception {
        String room = ChatApi.uniqueRoom("kicked");
        String name = ChatApi.uniqueName("kicked");
        String token = api.token(name);
        try (SseStream watcher = api.stream(room, api.token(ChatApi.uniqueName("watcher")), null);
             SseStream kicked = api.stream(room, token, null);
             SseStream elsewhere = api.stream(ChatApi.uniqueRoom("elsewhere"), token, null)) {
            assertNotNull(watcher.next(e -> "join".equals(e.name()) && name.equals(e.json().getString("user")), WAIT));
            assertNotNull(elsewhere.next("welcome", WAIT));
            assertEquals(204, admin.delete("api/admin/rooms/" + room + "/users/" + name).statusCode());
            SseEvent ended = kicked.next(e -> !List.of("welcome", "join", SseStream.COMMENT).contains(e.name()), WAIT);
            assertNotNull(ended);
            assertEquals("ended", ended.name());
            assertNull(ended.id(), "ended has no id field");
            assertEquals("{\"room\":\"" + room + "\",\"reason\":\"kicked\",\"until\":null}", ended.data());
            assertEquals(SseStream.END, kicked.next(WAIT).name(), "then the server closes the stream");
            assertNotNull(watcher.next(e -> "leave".equals(e.name()) && name.equals(e.json().getString("user")), WAIT));
            assertTrue(elsewhere.isOpen(), "a kick is from one room");
            assertEquals(201, api.post(room, token, "a kick is no ban").statusCode());
        }
    }

    @Test
    void aBanEndsEverySessionOfTheNameAndRefusesItUntilLifted() throws Exception {
        String name = ChatApi.uniqueName("Mallory");
        String token = api.token(name);
        String room = ChatApi.uniqueRoom("banned");
        String other = ChatApi.uniqueRoom("banned");
        try (SseStream watcher = api.stream(room, null, null);
             SseStream first = api.stream(room, token, null);
             SseStream second = api.stream(other, token, null)) {
            assertNotNull(first.next("welcome", WAIT));
            assertNotNull(second.next("welcome", WAIT));
            HttpResponse<String> banned = admin.post("api/admin/bans",
                    "{\"name\":" + ChatApi.quote(name.toLowerCase(Locale.ROOT)) + ",\"minutes\":30,\"reason\":\"spam <b>links</b>\"}");
            assertEquals(201, banned.statusCode(), banned.body());
            JsonObject ban = ChatApi.json(banned.body());
            Instant until = Instant.parse(ban.getString("until"));
            assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofMinutes(30)), until).toSeconds()) < 5, "until " + until);
            assertEquals("spam <b>links</b>", ban.getString("reason"));
            assertEquals(AdminApi.USER, ban.getString("admin"));
            assertTrue(banned.headers().firstValue("Location").orElse("").endsWith("bans/" + name.toLowerCase(Locale.ROOT)));
            for (SseStream stream : List.of(first, second)) {
                SseEvent ended = stream.next("ended", WAIT);
                assertNotNull(ended, "every stream of the name is told");
                assertEquals("banned", ended.json().getString("reason"));
                assertEquals(ban.getString("until"), ended.json().getString("until"));
                assertEquals(SseStream.END, stream.next(WAIT).name());
            }
            assertFalse(first.isOpen() || second.isOpen());
            assertNotNull(watcher.next(e -> "leave".equals(e.name()) && name.equals(e.json().getString("user")), WAIT));

            assertEquals(401, api.post(room, token, "still here?").statusCode(), "the token stops working for writes");
            try (SseStream again = api.stream(room, token, null)) {
                assertEquals(401, again.status(), "and for streams");
            }
            for (String lookalike : List.of(name, name.toUpperCase(Locale.ROOT))) {
                HttpResponse<String> refused = api.createSession("{\"name\":" + ChatApi.quote(lookalike) + "}");
                assertEquals(403, refused.statusCode(), lookalike);
                JsonObject error = ChatApi.json(refused.body());
                assertEquals("banned", error.getString("error"));
                assertEquals(ban.getString("until"), error.getString("until"));
                assertFalse(error.getString("message").isBlank());
            }
            JsonObject listed = bans().getValuesAs(JsonObject.class).stream()
                    .filter(b -> b.getString("name").equals(name.toLowerCase(Locale.ROOT))).findFirst().orElseThrow();
            assertEquals(ban, listed);

            assertEquals(204, admin.delete("api/admin/bans/" + name).statusCode(), "lifted by any name of the same form");
            assertTrue(bans().getValuesAs(JsonObject.class).stream().noneMatch(b -> b.getString("name").equalsIgnoreCase(name)));
            HttpResponse<String> twice = admin.delete("api/admin/bans/" + name);
            assertEquals(404, twice.statusCode());
            assertEquals("not_found", ChatApi.json(twice.body()).getString("error"));
            assertEquals(401, api.post(room, token, "back?").statusCode(), "the banned session stays ended");
            assertEquals(201, api.post(room, api.token(name), "back with a new session").statusCode());
        }
    }

    @Test
    void banInputIsValidatedWithJsonErrors() {
        String name = ChatApi.uniqueName("valid");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":0,\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":525601,\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":\"5\",\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":1.5,\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":99999999999999999999,\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"reason\":\"\"}", "invalid_minutes");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":5,\"reason\":\"" + "x".repeat(201) + "\"}", "invalid_reason");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":5,\"reason\":\"two\\nlines\"}", "invalid_reason");
        assertBadBan("{\"name\":" + ChatApi.quote(name) + ",\"minutes\":5,\"reason\":7}", "invalid_reason");
        assertBadBan("{\"name\":\"two words\",\"minutes\":5,\"reason\":\"\"}", "invalid_name");
        assertBadBan("{\"minutes\":5,\"reason\":\"\"}", "invalid_name");
        assertBadBan("{\"name\":", "invalid_json");
        assertEquals(201, admin.post("api/admin/bans", "{\"name\":" + ChatApi.quote(name) + ",\"minutes\":525600,\"reason\":\""
                + "长".repeat(200) + "\"}").statusCode(), "the limits themselves are allowed");
        assertEquals(204, admin.delete("api/admin/bans/" + name).statusCode());
        assertEquals(400, admin.delete("api/admin/bans/no%20spaces").statusCode());
        assertEquals(404, admin.delete("api/admin/bans/" + ChatApi.uniqueName("never")).statusCode());
        AdminApi anonymous = AdminApi.anonymous(api);
        assertEquals(401, anonymous.get("api/admin/bans").statusCode());
        assertEquals(401, anonymous.post("api/admin/bans", "{\"name\":\"x\",\"minutes\":5,\"reason\":\"\"}").statusCode());
        assertEquals(401, anonymous.delete("api/admin/bans/x").statusCode());
        assertEquals(401, anonymous.get("api/admin/audit").statusCode());
        assertEquals(401, api.delete("api/admin/bans/x", api.token(ChatApi.uniqueName("user"))).statusCode(), "a chat session is no admin");
    }

    @Test
    void theAuditLogListsEveryActionNewestFirstAndPages() throws Exception {
        String room = ChatApi.uniqueRoom("audited");
        String name = ChatApi.uniqueName("audited");
        String token = api.token(name);
        String id = api.say(room, token, "doomed").getString("id");
        long before = System.currentTimeMillis();
        assertEquals(204, admin.delete("api/admin/rooms/" + room + "/messages/" + id).statusCode());
        assertEquals(204, admin.delete("api/admin/rooms/" + room + "/users/" + name).statusCode());
        assertEquals(201, admin.post("api/admin/bans", "{\"name\":" + ChatApi.quote(name) + ",\"minutes\":5,\"reason\":\"flood\"}").statusCode());
        assertEquals(204, admin.delete("api/admin/bans/" + name).statusCode());

        List<JsonObject> newest = audit("?count=4");
        assertEquals(List.of("unban", "ban", "kick", "delete"), newest.stream().map(e -> e.getString("action")).toList());
        JsonObject delete = newest.get(3);
        assertEquals(room, delete.getString("room"));
        assertEquals(id, delete.getString("target"));
        assertEquals(AdminApi.USER, delete.getString("admin"));
        assertTrue(delete.getJsonNumber("ts").longValue() >= before - 1000);
        assertEquals(name, newest.get(1).getString("target"));
        assertTrue(newest.get(1).isNull("room"), "a ban is not about one room");
        assertTrue(newest.get(1).getString("detail").contains("flood"));
        assertEquals(List.of("id", "ts", "admin", "action", "room", "target", "detail"), List.copyOf(delete.keySet()));

        List<JsonObject> page = audit("?count=2&before=" + newest.get(1).getString("id"));
        assertEquals(newest.subList(2, 4), page, "before pages backwards, exclusive");
        assertTrue(audit("").size() <= 50, "count defaults to 50");
        for (String query : List.of("?count=0", "?count=201", "?count=x", "?before=nope", "?before=1-2-3")) {
            HttpResponse<String> bad = admin.get("api/admin/audit" + query);
            assertEquals(400, bad.statusCode(), query);
            assertTrue(ChatApi.json(bad.body()).getString("error").startsWith("invalid_"), query);
        }
    }

    private void assertBadBan(String body, String error) {
        HttpResponse<String> response = admin.post("api/admin/bans", body);
        assertEquals(400, response.statusCode(), body);
        assertEquals(error, ChatApi.json(response.body()).getString("error"), body);
    }

    private JsonArray bans() {
        HttpResponse<String> response = admin.get("api/admin/bans");
        assertEquals(200, response.statusCode());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private List<JsonObject> audit(String query) {
        HttpResponse<String> response = admin.get("api/admin/audit" + query);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray().getValuesAs(JsonObject.class);
    }
}
